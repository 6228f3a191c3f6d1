// The environment, read once at start-up into a typed object; a bad or missing variable stops the
// process with a message naming it, rather than failing later somewhere deep.
// Implicit conversion (PORT '3000' -> 3000) reads the decorators' emitted design types.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { loadMirrorConfig, type EffectiveObject } from '../mirror/mirror-config';
import {
  IsBooleanString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const PEM = /-----BEGIN [A-Z ]+-----/;

class EnvironmentVariables {
  @IsOptional() @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() HOST?: string;
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace']) LOG_LEVEL?: string;
  @IsOptional() @IsIn(['json', 'pretty']) LOG_FORMAT?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;
  @IsOptional() @IsString() DATABASE_HOST?: string;
  @IsOptional() @IsInt() @Min(1) @Max(65535) DATABASE_PORT?: number;
  @IsOptional() @IsString() DATABASE_NAME?: string;
  @IsOptional() @IsString() DATABASE_USER?: string;
  @IsOptional() @IsString() DATABASE_PASSWORD?: string;
  @IsOptional() @IsBooleanString() DATABASE_SSL?: string;
  @IsOptional() @IsString() PULSE_DATA_DIR?: string;

  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'SF_LOGIN_URL must be an http(s) URL, such as https://login.salesforce.com' },
  )
  SF_LOGIN_URL: string;
  @IsString() SF_CLIENT_ID: string;
  @IsString() SF_USERNAME: string;
  @IsOptional() @Matches(PEM, { message: 'SF_PRIVATE_KEY must be a PEM private key' }) SF_PRIVATE_KEY?: string;
  @IsOptional() @IsString() SF_PRIVATE_KEY_FILE?: string;
  @IsOptional() @Matches(/^\d{2}\.0$/, { message: 'SF_API_VERSION must look like 66.0' }) SF_API_VERSION?: string;

  @IsOptional()
  @Matches(PEM, { message: 'PULSE_ORG_CERTIFICATE must be a PEM certificate or public key' })
  PULSE_ORG_CERTIFICATE?: string;
  @IsOptional() @IsString() PULSE_ORG_CERTIFICATE_FILE?: string;
  @IsOptional() @IsString() PULSE_TOKEN_AUDIENCE?: string;
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'PULSE_CURRENCY must be an ISO 4217 code such as USD' })
  PULSE_CURRENCY?: string;
  @IsOptional() @IsInt() @Min(1) @Max(12) PULSE_FISCAL_YEAR_START_MONTH?: number;
  @IsOptional() @IsString() PULSE_SYNC_CONFIG?: string;
  @IsOptional() @IsInt() @Min(1) @Max(3600) POLL_INTERVAL_SECONDS?: number;
  @IsOptional() @IsInt() @Min(0) @Max(10080) RECONCILE_INTERVAL_MINUTES?: number;
  @IsOptional() @IsInt() @Min(0) @Max(1440) ALERT_CHECK_INTERVAL_MINUTES?: number;
  @IsOptional()
  @Matches(/^\S{16,}$/, { message: 'PULSE_METRICS_TOKEN must be at least 16 characters, without spaces' })
  PULSE_METRICS_TOKEN?: string;
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s/?#]+(:\d+)?\/?$/, {
    message: 'PULSE_SMTP_URL must be smtp://user:password@host:port or smtps://user:password@host:port',
  })
  PULSE_SMTP_URL?: string;
  @IsOptional()
  @Matches(/^[^@\s<>]+@[^@\s<>]+$|^[^<>]*<[^@\s<>]+@[^@\s<>]+>$/, {
    message: 'PULSE_ALERT_FROM must be an address such as alerts@example.com or Pulse <alerts@example.com>',
  })
  PULSE_ALERT_FROM?: string;
  @IsOptional() @IsBooleanString() PULSE_SALESFORCE_NOTIFICATIONS?: string;
  @IsOptional()
  @Matches(/^\s*(https?:\/\/[^\s,/]+\s*(,\s*https?:\/\/[^\s,/]+\s*)*)?$/, {
    message: 'PULSE_CORS_ORIGINS must be a comma-separated list of origins such as https://acme.lightning.force.com',
  })
  PULSE_CORS_ORIGINS?: string;
  @IsOptional() @IsInt() @Min(1) @Max(1_000_000) PULSE_RATE_LIMIT_PER_MINUTE?: number;
  @IsOptional() @IsInt() @Min(0) @Max(4096) PULSE_RESPONSE_CACHE_MB?: number;
}

export class PulseConfig {
  readonly http: { port: number; host: string };
  readonly log: { level: string; pretty: boolean };
  /** Either a server to connect to, or the embedded PostgreSQL kept under `dataDir`. */
  readonly database: { kind: 'url'; url: string; ssl: boolean } | { kind: 'embedded'; dataDir: string };
  readonly salesforce: { loginUrl: string; clientId: string; username: string; privateKey: string; apiVersion: string };
  /** Verifies the per-user tokens the org signs for each widget request. */
  readonly userTokens: { certificate: string; audience: string };
  readonly currency: string;
  /** The org's fiscal year starts in this month (1 = January), as in its Fiscal Year settings. */
  readonly fiscalYearStartMonth: number;
  /** What the sync mirrors: every object by default, or as PULSE_SYNC_CONFIG says. */
  readonly sync: { objects: EffectiveObject[] };
  /** Leader-only background work: polling objects not streamed, and reconciliation (0 = off). */
  readonly schedules: { pollIntervalSeconds: number; reconcileIntervalMinutes: number };
  /** How often the leader evaluates the time-based alert rules (no activity, forecast risk, sync health); 0 = off. */
  readonly alertRules: { checkIntervalMinutes: number };
  /** Bearer token for /metrics; unset: /metrics answers only on the loopback interface. */
  readonly metrics: { token?: string };
  /**
   * Alert delivery: the mail server (unset: no e-mail; its URL carries credentials, never log it),
   * the sender, and whether Salesforce in-app notifications (Pulse_Alert) are sent.
   */
  readonly alertDelivery: { smtpUrl?: string; from: string; salesforceNotifications: boolean };
  /** Browser origins allowed to call the API (CORS); empty: none, the org's proxy calls server to server. */
  readonly corsOrigins: string[];
  /** Requests per minute per user (per address for routes without a user). */
  readonly rateLimitPerMinute: number;
  /** Memory the response cache may hold, in bytes (0: no cache). */
  readonly responseCacheBytes: number;

  constructor(values: PulseConfig) {
    Object.assign(this, values);
  }
}

export class ConfigurationError extends Error {}

/** One of the variable itself or a file it names must be set; file paths are read here. */
function secret(
  env: EnvironmentVariables,
  name: 'SF_PRIVATE_KEY' | 'PULSE_ORG_CERTIFICATE',
  problems: string[],
): string {
  const inline = env[name];
  const file = env[`${name}_FILE`];
  if (inline) return inline.replaceAll('\\n', '\n');
  if (!file) {
    problems.push(`${name} (or ${name}_FILE) must be set`);
    return '';
  }
  try {
    const text = readFileSync(file, 'utf8');
    if (!PEM.test(text)) problems.push(`${name}_FILE (${file}) does not hold a PEM document`);
    return text;
  } catch (error) {
    problems.push(`${name}_FILE (${file}) cannot be read: ${(error as Error).message}`);
    return '';
  }
}

function syncObjects(file: string | undefined, problems: string[]): EffectiveObject[] {
  try {
    return loadMirrorConfig(file);
  } catch (error) {
    problems.push((error as Error).message);
    return [];
  }
}

function databaseOf(env: EnvironmentVariables, problems: string[]): PulseConfig['database'] {
  const ssl = env.DATABASE_SSL === 'true';
  if (env.DATABASE_URL) return { kind: 'url', url: env.DATABASE_URL, ssl };
  if (env.DATABASE_HOST) {
    for (const name of ['DATABASE_NAME', 'DATABASE_USER', 'DATABASE_PASSWORD'] as const) {
      if (!env[name]) problems.push(`${name} must be set when DATABASE_HOST is`);
    }
    const url = new URL('postgres://localhost');
    url.hostname = env.DATABASE_HOST;
    url.port = String(env.DATABASE_PORT ?? 5432);
    url.pathname = `/${env.DATABASE_NAME ?? ''}`;
    url.username = encodeURIComponent(env.DATABASE_USER ?? '');
    url.password = encodeURIComponent(env.DATABASE_PASSWORD ?? '');
    return { kind: 'url', url: url.toString(), ssl };
  }
  return { kind: 'embedded', dataDir: resolve(env.PULSE_DATA_DIR ?? '.data') };
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): PulseConfig {
  const env = plainToInstance(EnvironmentVariables, { ...source }, { enableImplicitConversion: true });
  const problems = validateSync(env, { skipMissingProperties: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}),
  );
  const config = new PulseConfig({
    http: { port: env.PORT ?? 3000, host: env.HOST ?? '127.0.0.1' },
    // JSON for machines (CloudWatch); one readable line per event for people at a terminal.
    log: {
      level: env.LOG_LEVEL ?? 'info',
      pretty: (env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json')) === 'pretty',
    },
    database: databaseOf(env, problems),
    salesforce: {
      loginUrl: env.SF_LOGIN_URL?.replace(/\/+$/, ''),
      clientId: env.SF_CLIENT_ID,
      username: env.SF_USERNAME,
      privateKey: secret(env, 'SF_PRIVATE_KEY', problems),
      apiVersion: env.SF_API_VERSION ?? '66.0',
    },
    userTokens: {
      certificate: secret(env, 'PULSE_ORG_CERTIFICATE', problems),
      audience: env.PULSE_TOKEN_AUDIENCE ?? 'pulse',
    },
    currency: env.PULSE_CURRENCY ?? 'USD',
    fiscalYearStartMonth: env.PULSE_FISCAL_YEAR_START_MONTH ?? 1,
    sync: { objects: syncObjects(env.PULSE_SYNC_CONFIG, problems) },
    schedules: {
      pollIntervalSeconds: env.POLL_INTERVAL_SECONDS ?? 30,
      reconcileIntervalMinutes: env.RECONCILE_INTERVAL_MINUTES ?? 15,
    },
    alertRules: { checkIntervalMinutes: env.ALERT_CHECK_INTERVAL_MINUTES ?? 5 },
    metrics: { token: env.PULSE_METRICS_TOKEN || undefined },
    alertDelivery: {
      smtpUrl: env.PULSE_SMTP_URL || undefined,
      from: env.PULSE_ALERT_FROM || 'Pulse <pulse@localhost>',
      salesforceNotifications: env.PULSE_SALESFORCE_NOTIFICATIONS !== 'false',
    },
    corsOrigins: (env.PULSE_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    rateLimitPerMinute: env.PULSE_RATE_LIMIT_PER_MINUTE ?? 1200,
    responseCacheBytes: (env.PULSE_RESPONSE_CACHE_MB ?? 64) * 1024 * 1024,
  });
  if (problems.length > 0) throw new ConfigurationError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}
