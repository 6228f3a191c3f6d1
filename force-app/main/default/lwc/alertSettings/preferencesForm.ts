// The delivery preferences as the form edits them (strings, as inputs give them) and back to the
// body PUT /api/alerts/preferences takes.
import type { Channel, Preferences } from './alertsApi';
import { LABELS } from './labels';

export interface PreferencesDraft {
  email: string;
  channels: Channel[];
  quietStart: string;
  quietEnd: string;
  timeZone: string;
  digestEnabled: boolean;
  digestHour: string;
}

const CHANNEL_LABELS: Record<Channel, string> = {
  email: LABELS.prefsChannelEmail,
  salesforce: LABELS.prefsChannelSalesforce,
};

/** The channels this Pulse can send on, and any the user already has. */
export function channelOptions(preferences: Preferences): { label: string; value: Channel }[] {
  const channels = [...new Set([...preferences.availableChannels, ...preferences.channels])];
  return channels.map((channel) => ({ label: CHANNEL_LABELS[channel] ?? channel, value: channel }));
}

export function draftOf(preferences: Preferences): PreferencesDraft {
  return {
    email: preferences.email ?? '',
    channels: [...preferences.channels],
    quietStart: preferences.quietHours?.start ?? '',
    quietEnd: preferences.quietHours?.end ?? '',
    timeZone: preferences.timeZone,
    digestEnabled: preferences.digest.enabled,
    digestHour: String(preferences.digest.hour),
  };
}

/**
 * The PUT body. Times go as "HH:MM" (browsers may add seconds). Half-filled quiet hours and
 * unparsable hours go as typed, so the backend's message names the field.
 */
export function bodyOf(draft: PreferencesDraft): Record<string, unknown> {
  const hour = Number(draft.digestHour);
  const quiet = draft.quietStart || draft.quietEnd;
  return {
    email: draft.email.trim() || null,
    channels: draft.channels,
    quietHours: quiet ? { start: draft.quietStart.slice(0, 5), end: draft.quietEnd.slice(0, 5) } : null,
    timeZone: draft.timeZone.trim(),
    digest: {
      enabled: draft.digestEnabled,
      hour: draft.digestHour.trim() !== '' && Number.isFinite(hour) ? hour : draft.digestHour,
    },
  };
}
