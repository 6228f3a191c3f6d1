import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, loadConfig } from './pulse-config';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const VALID = {
  SF_LOGIN_URL: 'https://login.salesforce.com/',
  SF_CLIENT_ID: 'key',
  SF_USERNAME: 'integration@example.com',
  SF_PRIVATE_KEY: privateKey,
  PULSE_ORG_CERTIFICATE: publicKey,
};

const problemsOf = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('loadConfig', () => {
  it('applies documented defaults and the embedded database when DATABASE_URL is unset', () => {
    const config = loadConfig(VALID);
    expect(config.http).toEqual({ port: 3000, host: '127.0.0.1' });
    expect(config.database).toEqual({ kind: 'embedded', dataDir: expect.stringMatching(/\.data$/) });
    expect(config.salesforce).toMatchObject({ loginUrl: 'https://login.salesforce.com', apiVersion: '66.0' });
    expect(config.userTokens.audience).toBe('pulse');
  });

  it('names every missing or malformed variable at once', () => {
    const message = problemsOf({ PORT: 'eighty', SF_LOGIN_URL: 'not a url', DATABASE_URL: 'mysql://x' });
    expect(message).toContain('PORT must not be greater than 65535');
    expect(message).toContain('SF_LOGIN_URL must be an http(s) URL');
    expect(message).toContain('DATABASE_URL must be a postgres:// URL');
    expect(message).toContain('SF_CLIENT_ID must be a string');
    expect(message).toContain('SF_PRIVATE_KEY (or SF_PRIVATE_KEY_FILE) must be set');
    expect(message).toContain('PULSE_ORG_CERTIFICATE (or PULSE_ORG_CERTIFICATE_FILE) must be set');
  });

  it('reads keys from files and says which file is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-config-'));
    writeFileSync(join(dir, 'app.key'), privateKey);
    writeFileSync(join(dir, 'junk.pem'), 'not pem');
    const env = { ...VALID, SF_PRIVATE_KEY: undefined, PULSE_ORG_CERTIFICATE: undefined };
    expect(
      loadConfig({
        ...env,
        SF_PRIVATE_KEY_FILE: join(dir, 'app.key'),
        PULSE_ORG_CERTIFICATE_FILE: join(dir, 'app.key'),
      }).salesforce.privateKey,
    ).toBe(privateKey);
    const message = problemsOf({
      ...env,
      SF_PRIVATE_KEY_FILE: join(dir, 'missing.key'),
      PULSE_ORG_CERTIFICATE_FILE: join(dir, 'junk.pem'),
    });
    expect(message).toMatch(/SF_PRIVATE_KEY_FILE \(.*missing\.key\) cannot be read/);
    expect(message).toMatch(/PULSE_ORG_CERTIFICATE_FILE \(.*junk\.pem\) does not hold a PEM document/);
  });

  it('builds the database URL from its parts, as ECS injects them', () => {
    const config = loadConfig({
      ...VALID,
      DATABASE_HOST: 'db.internal',
      DATABASE_NAME: 'pulse',
      DATABASE_USER: 'app',
      DATABASE_PASSWORD: 'p@ss/word',
      DATABASE_SSL: 'true',
    });
    expect(config.database).toEqual({
      kind: 'url',
      url: 'postgres://app:p%40ss%2Fword@db.internal:5432/pulse',
      ssl: true,
    });
    expect(problemsOf({ ...VALID, DATABASE_HOST: 'db.internal' })).toContain(
      'DATABASE_USER must be set when DATABASE_HOST is',
    );
  });
});
