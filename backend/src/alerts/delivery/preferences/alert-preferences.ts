// A user's alert preferences as the worker and the API use them; a user without a row has the defaults.

export const CHANNELS = ['email', 'salesforce'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface AlertPreferences {
  /** Where e-mail goes instead of the User's Email in Salesforce; null: the User's Email. */
  email: string | null;
  channels: Channel[];
  /** Local times "HH:MM" in timeZone; null: no quiet hours. */
  quietHours: { start: string; end: string } | null;
  /** IANA time zone the quiet hours and the digest hour are in. */
  timeZone: string;
  /** On: alerts wait for one e-mail a day at `hour` (local), instead of going out one by one. */
  digest: { enabled: boolean; hour: number };
}

export const DEFAULT_PREFERENCES: AlertPreferences = {
  email: null,
  channels: ['email', 'salesforce'],
  quietHours: null,
  timeZone: 'UTC',
  digest: { enabled: false, hour: 8 },
};

/** The alert_preference columns (as the worker's queries alias them). */
export interface PreferenceRow {
  email: string | null;
  channels: Channel[] | null;
  quiet_start: string | null;
  quiet_end: string | null;
  time_zone: string | null;
  digest: boolean | null;
  digest_hour: number | null;
}

/** A row (or no row: null channels) to preferences. PostgreSQL prints time as HH:MM:SS. */
export function preferencesOf(row: PreferenceRow | undefined): AlertPreferences {
  if (!row || row.channels === null) return DEFAULT_PREFERENCES;
  return {
    email: row.email,
    channels: row.channels,
    quietHours:
      row.quiet_start && row.quiet_end ? { start: row.quiet_start.slice(0, 5), end: row.quiet_end.slice(0, 5) } : null,
    timeZone: row.time_zone ?? 'UTC',
    digest: { enabled: row.digest === true, hour: row.digest_hour ?? 8 },
  };
}
