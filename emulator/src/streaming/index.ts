export { StreamingServer, type StreamingServerOptions } from './server.ts';
export {
  ALL_CHANGE_EVENTS,
  changeEventChannel,
  type ChangeEventData,
  type ChangeEventHeader,
  type ChangeEventPayload,
} from './channels.ts';
export { ERRORS } from './protocol.ts';
export { REPLAY_ALL, REPLAY_NEW } from './replay-log.ts';
export type { StreamingUser } from './sessions.ts';
export type { Authenticate } from './routes.ts';
