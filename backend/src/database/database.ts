import type { PulseConfig } from '../config/pulse-config';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface DatabaseConnection {
  url: string;
  ssl: boolean;
  /** Stops the embedded server; a no-op for an external one. */
  close(): Promise<void>;
}

/** Connects to the configured server, or starts the embedded one when none is configured. */
export async function openDatabase(config: PulseConfig, log: (message: string) => void): Promise<DatabaseConnection> {
  if (config.database.kind === 'url')
    return { url: config.database.url, ssl: config.database.ssl, close: async () => {} };
  const embedded = await startEmbeddedPostgres(config.database.dataDir, log);
  return { url: embedded.url, ssl: false, close: () => embedded.stop() };
}
