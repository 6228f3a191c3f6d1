// The whole backend (createApp, with its own delivery worker running as leader work) on the emulator
// and a real SMTP server: GET/PUT /api/alerts/preferences for the viewer with clear 400s, the admin
// delivery status, and an alert going all the way from a change in the org to a mailbox and the bell.
import { eventually } from '../../support/eventually';
import { startAppStack, type AppStack } from '../../status/app-stack';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture';

jest.setTimeout(60_000); // the waits below are for the stream and the worker's own schedule, not speed claims

describe('alert preferences API and delivery through the whole backend', () => {
  let s: AppStack;
  let smtp: SmtpCapture;
  const users: Record<string, { Id: string; Email: string }> = {};
  const tokens: Record<string, string> = {};

  const put = (body: unknown, token = tokens.ana) =>
    s.request('/api/alerts/preferences', {
      method: 'PUT',
      token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const valid = {
    email: null,
    channels: ['email', 'salesforce'],
    quietHours: { start: '22:00', end: '07:00' },
    timeZone: 'Europe/Paris',
    digest: { enabled: false, hour: 8 },
  };
  const adminToken = async () => {
    const response = await fetch(`${s.emulator.url}/emulator/user-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'integration@pulse.demo', viewAll: true }),
    });
    return ((await response.json()) as { token: string }).token;
  };

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    s = await startAppStack({ PULSE_SMTP_URL: smtp.url });
    const conn = await s.org();
    for (const u of (
      await conn.query<{ Id: string; Email: string; Username: string }>('SELECT Id, Email, Username FROM User')
    ).records)
      users[u.Username.split('@')[0]] = u;
    tokens.ana = await s.userToken('ana.souza@pulse.demo');
    tokens.ben = await s.userToken('ben.carter@pulse.demo');
  }, 120_000);

  afterAll(async () => {
    await s?.close();
    await smtp?.close();
  });

  it('refuses requests without a valid user token (401)', async () => {
    expect((await s.request('/api/alerts/preferences')).status).toBe(401);
    expect((await put(valid, 'not-a-token')).status).toBe(401);
  });

  it('answers the defaults for a viewer who never saved any, with their Salesforce e-mail', async () => {
    const { status, body } = await s.request('/api/alerts/preferences', { token: tokens.ben });
    expect(status).toBe(200);
    expect(body).toEqual({
      email: null,
      salesforceEmail: users['ben.carter'].Email,
      channels: ['email', 'salesforce'],
      availableChannels: ['email', 'salesforce'],
      quietHours: null,
      timeZone: 'UTC',
      digest: { enabled: false, hour: 8 },
      updatedAt: null,
    });
  });

  it('replaces the viewer’s preferences with PUT, and only the viewer’s', async () => {
    const saved = await put({ ...valid, email: 'ana@example.com', digest: { enabled: true, hour: 7 } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      email: 'ana@example.com',
      salesforceEmail: users['ana.souza'].Email,
      channels: ['email', 'salesforce'],
      quietHours: { start: '22:00', end: '07:00' },
      timeZone: 'Europe/Paris',
      digest: { enabled: true, hour: 7 },
    });
    expect(typeof saved.body.updatedAt).toBe('string');
    expect((await s.request('/api/alerts/preferences', { token: tokens.ana })).body).toEqual(saved.body);
    expect((await s.request('/api/alerts/preferences', { token: tokens.ben })).body.updatedAt).toBeNull();
    const rows = await s.db.query(`SELECT user_id, email, channels, time_zone, digest_hour FROM alert_preference`);
    expect(rows).toEqual([
      {
        user_id: users['ana.souza'].Id,
        email: 'ana@example.com',
        channels: ['email', 'salesforce'],
        time_zone: 'Europe/Paris',
        digest_hour: 7,
      },
    ]);
    // Omitted optional fields take their defaults: no quiet hours, no digest, the Salesforce e-mail.
    const minimal = await put({ channels: ['salesforce'], timeZone: 'UTC' });
    expect(minimal.body).toMatchObject({ email: null, quietHours: null, digest: { enabled: false, hour: 8 } });
  });

  it.each([
    ['an unknown time zone', { ...valid, timeZone: 'Mars/Olympus' }, 'timeZone must be an IANA time zone'],
    ['no time zone', { ...valid, timeZone: undefined }, 'timeZone must be an IANA time zone'],
    [
      'a bad quiet start',
      { ...valid, quietHours: { start: '25:00', end: '07:00' } },
      'quietHours.start must be a 24-hour time HH:MM',
    ],
    [
      'a quiet window without end',
      { ...valid, quietHours: { start: '22:00' } },
      'quietHours.end must be a 24-hour time HH:MM',
    ],
    [
      'an empty quiet window',
      { ...valid, quietHours: { start: '07:00', end: '07:00' } },
      'quietHours.start and quietHours.end must differ',
    ],
    ['no channel', { ...valid, channels: [] }, 'channels must name at least one of: email, salesforce'],
    ['an unknown channel', { ...valid, channels: ['sms'] }, 'channels may hold only: email, salesforce'],
    ['channels not a list', { ...valid, channels: 'email' }, 'channels must be a list of: email, salesforce'],
    ['a repeated channel', { ...valid, channels: ['email', 'email'] }, 'channels must not repeat a channel'],
    [
      'a digest hour of 24',
      { ...valid, digest: { enabled: true, hour: 24 } },
      'digest.hour must be a whole hour from 0 to 23',
    ],
    [
      'a digest flag not boolean',
      { ...valid, digest: { enabled: 'yes', hour: 8 } },
      'digest.enabled must be true or false',
    ],
    [
      'a digest without e-mail',
      { ...valid, channels: ['salesforce'], digest: { enabled: true, hour: 8 } },
      'digest.enabled needs the email channel',
    ],
    ['a malformed e-mail', { ...valid, email: 'not-an-address' }, 'email must be an e-mail address'],
    ['an unknown field', { ...valid, pager: true }, 'property pager should not exist'],
  ])('refuses %s with 400 naming the field', async (_case, body, message) => {
    const { status, body: answer } = await put(body);
    expect(status).toBe(400);
    expect(JSON.stringify(answer.message)).toContain(message);
  });

  it('turning the digest off hands the alerts it held back to the worker', async () => {
    await put({ ...valid, digest: { enabled: true, hour: 8 } });
    const [{ id }] = await s.db.query(
      `INSERT INTO alert_outbox (dedup_key, user_id, rule_kind, title, body, status)
       VALUES ('held-1', $1, 'deal_won', 'Held', 'Held for the digest', 'digested') RETURNING id`,
      [users['ana.souza'].Id],
    );
    await put({ ...valid, quietHours: null, digest: { enabled: false, hour: 8 } });
    // The worker (this instance leads) now sends it like any other alert.
    await eventually(async () => {
      const [row] = await s.db.query(`SELECT status FROM alert_outbox WHERE id = $1`, [id]);
      expect(row.status).toBe('delivered');
    }, 20_000);
    expect(smtp.mails.find((m) => m.headers['x-pulse-alert-id'] === String(id))?.to).toEqual([
      users['ana.souza'].Email,
    ]);
  });

  it('shows admins the delivery status, and refuses it to others (403)', async () => {
    expect((await s.request('/api/alerts/delivery', { token: tokens.ana })).status).toBe(403);
    const { status, body } = await s.request('/api/alerts/delivery', { token: await adminToken() });
    expect(status).toBe(200);
    const counts = await s.db.query(`SELECT status, count(*)::int AS n FROM alert_outbox GROUP BY status`);
    const count = (st: string) => counts.find((c: { status: string }) => c.status === st)?.n ?? 0;
    expect(body.outbox).toEqual({
      pending: count('pending'),
      delivered: count('delivered'),
      digested: count('digested'),
      failed: count('failed'),
    });
    expect(body.availableChannels).toEqual(['email', 'salesforce']);
  });

  it('a deal won in Salesforce reaches its owner’s mailbox and bell, once', async () => {
    const ana = users['ana.souza'];
    await put({ channels: ['email', 'salesforce'], timeZone: 'UTC' });
    const subscribed = await s.request('/api/alerts/subscriptions', {
      method: 'POST',
      token: tokens.ana,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ruleKind: 'deal_won' }),
    });
    expect(subscribed.status).toBe(201);
    const conn = await s.org();
    const [deal] = (
      await conn.query<{ Id: string; Name: string }>(
        `SELECT Id, Name FROM Opportunity WHERE OwnerId = '${ana.Id}' AND IsClosed = false ORDER BY Id LIMIT 1`,
      )
    ).records;
    await conn.sobject('Opportunity').update({ Id: deal.Id, StageName: 'Closed Won' });

    const mail = await eventually(() => {
      const found = smtp.mails.filter((m) => m.to.includes(ana.Email) && m.raw.includes(deal.Name));
      expect(found).toHaveLength(1);
      return found[0];
    }, 30_000);
    const notifications = await eventually(() => {
      const found = s.emulator.notifications.list(ana.Id).filter((n) => n.targetId === deal.Id);
      expect(found).toHaveLength(1);
      return found;
    }, 30_000);
    expect(notifications[0].typeDeveloperName).toBe('Pulse_Alert');
    // The worker records the outcome once both channels answered.
    await eventually(async () => {
      const [row] = await s.db.query(`SELECT status FROM alert_outbox WHERE id = $1`, [
        Number(mail.headers['x-pulse-alert-id']),
      ]);
      expect(row.status).toBe('delivered');
    }, 10_000);
  });
});
