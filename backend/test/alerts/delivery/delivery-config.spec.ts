// PULSE_SMTP_URL, PULSE_ALERT_FROM and PULSE_SALESFORCE_NOTIFICATIONS: defaults, refusals that name
// the variable without echoing its value (it holds credentials), and the SMTP options made from it.
import { generateKeyPairSync } from 'node:crypto';
import { smtpOptions } from '../../../src/alerts/delivery/channels/email-channel';
import { ConfigurationError, loadConfig } from '../../../src/config/pulse-config';

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

describe('alert delivery configuration', () => {
  it('defaults: no e-mail, a local sender, Salesforce notifications on', () => {
    expect(loadConfig(VALID).alertDelivery).toEqual({
      smtpUrl: undefined,
      from: 'Pulse <pulse@localhost>',
      salesforceNotifications: true,
    });
  });

  it('reads the three variables', () => {
    const config = loadConfig({
      ...VALID,
      PULSE_SMTP_URL: 'smtps://AKIAEXAMPLE:pa%2Fss%2Bword@email-smtp.eu-west-1.amazonaws.com:465',
      PULSE_ALERT_FROM: 'Pulse <alerts@acme.com>',
      PULSE_SALESFORCE_NOTIFICATIONS: 'false',
    });
    expect(config.alertDelivery).toEqual({
      smtpUrl: 'smtps://AKIAEXAMPLE:pa%2Fss%2Bword@email-smtp.eu-west-1.amazonaws.com:465',
      from: 'Pulse <alerts@acme.com>',
      salesforceNotifications: false,
    });
  });

  it.each([
    ['an http URL', { PULSE_SMTP_URL: 'http://mail.example.com' }, 'PULSE_SMTP_URL must be smtp://'],
    ['a path in the URL', { PULSE_SMTP_URL: 'smtp://mail.example.com/x' }, 'PULSE_SMTP_URL must be smtp://'],
    ['a sender without address', { PULSE_ALERT_FROM: 'Pulse' }, 'PULSE_ALERT_FROM must be an address'],
    ['a flag not boolean', { PULSE_SALESFORCE_NOTIFICATIONS: 'maybe' }, 'PULSE_SALESFORCE_NOTIFICATIONS'],
  ])('refuses %s, naming the variable', (_case, env, message) => {
    expect(refusal(env)).toContain(message);
  });

  it('never repeats the SMTP URL (its password) in the refusal', () => {
    expect(refusal({ PULSE_SMTP_URL: 'smtp://user:s3cret-pass@host/path' })).not.toContain('s3cret-pass');
  });

  it('makes SMTP options: implicit TLS for smtps, STARTTLS required before logging in over smtp', () => {
    expect(smtpOptions('smtps://AKIAEXAMPLE:pa%2Fss%2Bword@email-smtp.eu-west-1.amazonaws.com')).toMatchObject({
      host: 'email-smtp.eu-west-1.amazonaws.com',
      port: 465,
      secure: true,
      auth: { user: 'AKIAEXAMPLE', pass: 'pa/ss+word' },
      requireTLS: false,
    });
    expect(smtpOptions('smtp://user:pw@email-smtp.eu-west-1.amazonaws.com:587')).toMatchObject({
      port: 587,
      secure: false,
      requireTLS: true,
    });
    // The local capture: no credentials, no TLS.
    expect(smtpOptions('smtp://127.0.0.1:2525')).toMatchObject({ port: 2525, auth: undefined, requireTLS: false });
  });
});
