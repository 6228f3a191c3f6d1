// POLL_INTERVAL_SECONDS, RECONCILE_INTERVAL_MINUTES and PULSE_METRICS_TOKEN: documented defaults,
// and a bad value stops start-up with a message naming the variable.
import { generateKeyPairSync } from 'node:crypto';
import { ConfigurationError, loadConfig } from '../../src/config/pulse-config';

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

const problemsOf = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
};

describe('schedule and metrics configuration', () => {
  it('defaults: poll every 30 s, reconcile every 15 min, metrics on the loopback only', () => {
    const config = loadConfig(VALID);
    expect(config.schedules).toEqual({ pollIntervalSeconds: 30, reconcileIntervalMinutes: 15 });
    expect(config.metrics).toEqual({ token: undefined });
  });

  it('reads the variables', () => {
    const config = loadConfig({
      ...VALID,
      POLL_INTERVAL_SECONDS: '5',
      RECONCILE_INTERVAL_MINUTES: '0',
      PULSE_METRICS_TOKEN: 'a-long-enough-token',
    });
    expect(config.schedules).toEqual({ pollIntervalSeconds: 5, reconcileIntervalMinutes: 0 });
    expect(config.metrics.token).toBe('a-long-enough-token');
  });

  it.each([
    ['POLL_INTERVAL_SECONDS', '0'],
    ['POLL_INTERVAL_SECONDS', 'often'],
    ['POLL_INTERVAL_SECONDS', '3601'],
    ['RECONCILE_INTERVAL_MINUTES', '-1'],
    ['RECONCILE_INTERVAL_MINUTES', '1.5'],
    ['PULSE_METRICS_TOKEN', 'short'],
    ['PULSE_METRICS_TOKEN', 'has a space in it, long'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(problemsOf({ ...VALID, [name]: value })).toContain(name);
  });
});
