// The HTTP hardening settings: defaults, parsing, and refusals that name the variable.
import { generateKeyPairSync } from 'node:crypto';
import { ConfigurationError, loadConfig } from '../../src/config/pulse-config';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const VALID = {
  SF_LOGIN_URL: 'https://login.salesforce.com',
  SF_CLIENT_ID: 'key',
  SF_USERNAME: 'integration@example.com',
  SF_PRIVATE_KEY: privateKey,
  PULSE_ORG_CERTIFICATE: publicKey,
};

const refusal = (env: Record<string, string>) => {
  try {
    loadConfig({ ...VALID, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('HTTP hardening configuration', () => {
  it('closes CORS, allows 1200 requests a minute per user and caches 64 MiB by default', () => {
    const config = loadConfig(VALID);
    expect(config.corsOrigins).toEqual([]);
    expect(config.rateLimitPerMinute).toBe(1200);
    expect(config.responseCacheBytes).toBe(64 * 1024 * 1024);
  });

  it('reads a comma-separated list of origins', () => {
    const config = loadConfig({
      ...VALID,
      PULSE_CORS_ORIGINS: ' https://acme.lightning.force.com ,http://localhost:4200',
      PULSE_RATE_LIMIT_PER_MINUTE: '60',
      PULSE_RESPONSE_CACHE_MB: '0',
    });
    expect(config.corsOrigins).toEqual(['https://acme.lightning.force.com', 'http://localhost:4200']);
    expect(config.rateLimitPerMinute).toBe(60);
    expect(config.responseCacheBytes).toBe(0);
    expect(loadConfig({ ...VALID, PULSE_CORS_ORIGINS: '' }).corsOrigins).toEqual([]);
  });

  it.each([
    ['PULSE_CORS_ORIGINS', '*'],
    ['PULSE_CORS_ORIGINS', 'acme.lightning.force.com'],
    ['PULSE_CORS_ORIGINS', 'https://acme.lightning.force.com/path'],
    ['PULSE_RATE_LIMIT_PER_MINUTE', '0'],
    ['PULSE_RATE_LIMIT_PER_MINUTE', 'lots'],
    ['PULSE_RESPONSE_CACHE_MB', '-1'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(refusal({ [name]: value })).toContain(name);
  });
});
