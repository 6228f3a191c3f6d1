// Bayeux messages as Salesforce's Streaming API exchanges them, and the exact error texts
// Salesforce returns (clients match on these strings, so keep them verbatim).

export interface BayeuxMessage {
  channel: string;
  id?: string;
  clientId?: string;
  successful?: boolean;
  error?: string;
  subscription?: string;
  connectionType?: string;
  supportedConnectionTypes?: string[];
  version?: string;
  minimumVersion?: string;
  data?: unknown;
  advice?: Record<string, unknown>;
  ext?: Record<string, unknown>;
}

export const META = {
  handshake: '/meta/handshake',
  connect: '/meta/connect',
  subscribe: '/meta/subscribe',
  unsubscribe: '/meta/unsubscribe',
  disconnect: '/meta/disconnect',
} as const;

export const LONG_POLLING = 'long-polling';
/** Salesforce refuses API versions below this one on /cometd. */
export const MIN_API_VERSION = 37;

export const ERRORS = {
  handshakeDenied: '403::Handshake denied',
  authInvalid: '401::Authentication invalid',
  authRequired: '401::Request requires authentication',
  unknownClient: '403::Unknown client',
  // Not documented by Salesforce; CometD's wording for a refused publish.
  publishDenied: '403::Publish not allowed',
  unknownMetaChannel: '400::Unknown meta channel',
  badRequest: '400::Bad request',
  channelNotSpecified: '400::Channel name not specified',
  leadingSlash: "400::Channel subscriptions must start with a leading '/'",
  channelNotFound: (channel: string) => `400::The channel you requested to subscribe to does not exist {${channel}}`,
  // Two spaces after "invalid." as Salesforce sends it (seen in EMP-Connector logs).
  invalidReplayId: (replayId: unknown) =>
    `400::The replayId {${String(replayId)}} you provided was invalid.  ` +
    'Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.',
  replayChannelMissing: (channel: string, map: Record<string, unknown>) =>
    `400::The replayId for channel {${channel}} wasn't found using the provided replay ID map {${javaMap(map)}}. ` +
    'Ensure that the channel name you provided in the replay map is valid and matches the channel name used for subscribing.',
  invalidConnectionType: (type: unknown) => `400::Invalid connection type {${String(type)}}`,
  versionMissing: (latest: string) => `400::API version in the URI is mandatory. URI format: '/cometd/${latest}'`,
  versionUnsupported: (latest: string) =>
    `400::Unsupported API version. Only API versions '${MIN_API_VERSION}.0' and later are supported. URI format: '/cometd/${latest}'`,
};

/** Salesforce is Java: the replay map is echoed in java.util.Map#toString form. */
const javaMap = (map: Record<string, unknown>): string =>
  `{${Object.entries(map)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ')}}`;

/** The reply skeleton every answer shares: same channel and id as the request. */
export function replyTo(message: BayeuxMessage, fields: Partial<BayeuxMessage>): BayeuxMessage {
  const reply: BayeuxMessage = { channel: message.channel };
  if (message.id !== undefined) reply.id = message.id;
  return Object.assign(reply, fields);
}

export function failure(message: BayeuxMessage, error: string, extra: Partial<BayeuxMessage> = {}): BayeuxMessage {
  const fields: Partial<BayeuxMessage> = { successful: false, error, ...extra };
  if (message.clientId !== undefined) fields.clientId = message.clientId;
  if (message.subscription !== undefined) fields.subscription = message.subscription;
  return replyTo(message, fields);
}

/** Salesforce's answer when the client must start over (server lost or expired its session). */
export const unknownClient = (message: BayeuxMessage): BayeuxMessage =>
  failure(message, ERRORS.unknownClient, { advice: { reconnect: 'handshake', interval: 0 } });

/** reconnect: 'none' is what jsforce's AuthFailure extension watches for. */
export const authFailure = (message: BayeuxMessage, error: string): BayeuxMessage =>
  failure(message, error, { advice: { reconnect: 'none', interval: 0 } });

/** The path version ("66.0"), or the Salesforce error for a missing or too old one. */
export function versionError(version: string | undefined, latest: string): string | null {
  if (!version) return ERRORS.versionMissing(latest);
  const match = /^(\d+)\.\d+$/.exec(version);
  if (!match || Number(match[1]) < MIN_API_VERSION) return ERRORS.versionUnsupported(latest);
  return null;
}
