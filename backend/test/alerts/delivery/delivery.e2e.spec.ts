// The delivery worker against real parts: outbox rows in PostgreSQL, e-mail through a real SMTP
// server, Salesforce notifications through the emulator over HTTP. Time moves only when a test
// moves the worker's clock, so backoff, quiet hours and digests are exact, with no waiting.
import type { DataSource } from 'typeorm';
import { DeliveryDatabase } from '../../../src/alerts/delivery/delivery-database';
import { DeliveryWorker } from '../../../src/alerts/delivery/delivery-worker';
import { claimDue } from '../../../src/alerts/delivery/outbox/claim-due';
import type { SyncMetrics } from '../../../src/sync/status/sync-metrics';
import { outboxRow, startDeliveryHarness, writeAlert, type DeliveryHarness } from './harness';

const START = new Date('2026-11-24T15:00:00.000Z');
const SECOND = 1_000;

interface OrgUser {
  Id: string;
  Email: string;
  Username: string;
}

async function counter(metrics: SyncMetrics, name: string, labels: Record<string, string>): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(name)!.get();
  const value = metric.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return value?.value ?? 0;
}

describe('alert delivery worker', () => {
  let h: DeliveryHarness;
  let db: DataSource;
  const users: Record<string, OrgUser> = {};
  let opportunityId: string;

  const setPreferences = (userId: string, values: Record<string, unknown>) =>
    db.query(
      `INSERT INTO alert_preference (user_id, email, channels, quiet_start, quiet_end, time_zone, digest, digest_hour)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (user_id) DO UPDATE SET email = $2, channels = $3, quiet_start = $4, quiet_end = $5,
         time_zone = $6, digest = $7, digest_hour = $8`,
      [
        userId,
        values.email ?? null,
        values.channels ?? ['email', 'salesforce'],
        values.quietStart ?? null,
        values.quietEnd ?? null,
        values.timeZone ?? 'UTC',
        values.digest ?? false,
        values.digestHour ?? 8,
      ],
    );
  const mailsFor = (alertId: number) => h.smtp.mails.filter((m) => m.headers['x-pulse-alert-id'] === String(alertId));
  const notificationsTitled = (title: string) => h.emulator.notifications.list().filter((n) => n.title === title);

  beforeAll(async () => {
    h = await startDeliveryHarness(START);
    db = h.db;
    const conn = await h.org();
    for (const u of (await conn.query<OrgUser>('SELECT Id, Email, Username FROM User')).records)
      users[u.Username.split('@')[0]] = u;
    opportunityId = (await conn.query<{ Id: string }>('SELECT Id FROM Opportunity LIMIT 1')).records[0].Id;
  }, 60_000);

  afterAll(() => h?.close());

  beforeEach(async () => {
    h.clock.set(START);
    h.smtp.refuse(null);
    await db.query('DELETE FROM alert_preference');
    // Nothing left over from another test is due.
    await db.query(`UPDATE alert_outbox SET status = 'failed' WHERE status IN ('pending', 'digested')`);
  });

  it('delivers by e-mail to the User’s Email and as a Salesforce notification on the record', async () => {
    const ana = users['ana.souza'];
    const title = 'Deal won: Acme renewal';
    const id = await writeAlert(db, {
      userId: ana.Id,
      title,
      body: 'Acme renewal closed at $120,000.',
      recordId: opportunityId,
      link: `${h.emulator.url}/lightning/r/Opportunity/${opportunityId}/view`,
      createdAt: START,
    });
    const run = await h.worker.runOnce();
    expect(run).toMatchObject({ taken: 1, delivered: 1, failed: 0 });

    const [mail] = mailsFor(id);
    expect(mail.to).toEqual([ana.Email]);
    expect(mail.from).toBe('alerts@pulse.test');
    expect(mail.subject).toBe(`[Pulse] ${title}`);
    expect(mail.raw).toContain('Acme renewal closed at $120,000.');
    expect(mail.raw).toContain(`/lightning/r/Opportunity/${opportunityId}/view`);

    expect(notificationsTitled(title)).toEqual([
      expect.objectContaining({
        typeDeveloperName: 'Pulse_Alert',
        recipientIds: [ana.Id],
        body: 'Acme renewal closed at $120,000.',
        targetId: opportunityId,
      }),
    ]);
    expect(await outboxRow(db, id)).toMatchObject({ status: 'delivered', attempts: 1, last_error: null });
    expect((await outboxRow(db, id)).delivered_at).toEqual(START);
    const channels = await db.query(`SELECT channel FROM alert_delivery WHERE outbox_id = $1 ORDER BY channel`, [id]);
    expect(channels.map((c: { channel: string }) => c.channel)).toEqual(['email', 'salesforce']);
  });

  it('follows the preferences: an e-mail override, and only the channels chosen', async () => {
    const ben = users['ben.carter'];
    await setPreferences(ben.Id, { email: 'ben.private@example.com', channels: ['email'] });
    const byMail = await writeAlert(db, { userId: ben.Id, title: 'E-mail only', createdAt: START });
    const chloe = users['chloe.kim'];
    await setPreferences(chloe.Id, { channels: ['salesforce'] });
    const bySalesforce = await writeAlert(db, { userId: chloe.Id, title: 'Bell only', createdAt: START });
    await h.worker.runOnce();

    expect(mailsFor(byMail).map((m) => m.to)).toEqual([['ben.private@example.com']]);
    expect(notificationsTitled('E-mail only')).toHaveLength(0);
    expect(mailsFor(bySalesforce)).toHaveLength(0);
    // No record: Salesforce's placeholder target, which opens nothing.
    expect(notificationsTitled('Bell only')).toEqual([
      expect.objectContaining({ recipientIds: [chloe.Id], targetId: '000000000000000AAA' }),
    ]);
    for (const id of [byMail, bySalesforce]) expect((await outboxRow(db, id)).status).toBe('delivered');
  });

  it('defers an alert due in quiet hours to their end, then delivers it', async () => {
    const david = users['david.osei'];
    // Paris is UTC+1 in November: 23:30 there is 22:30 UTC; quiet until 07:00 Paris = 06:00 UTC.
    await setPreferences(david.Id, { quietStart: '22:00', quietEnd: '07:00', timeZone: 'Europe/Paris' });
    h.clock.set('2026-11-24T22:30:00Z');
    const id = await writeAlert(db, { userId: david.Id, title: 'Quiet please', createdAt: h.clock.now() });

    expect(await h.worker.runOnce()).toMatchObject({ taken: 1, deferred: 1, delivered: 0 });
    expect(await outboxRow(db, id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      deliver_after: new Date('2026-11-25T06:00:00Z'),
    });
    h.clock.set('2026-11-25T05:59:59Z');
    expect((await h.worker.runOnce()).taken).toBe(0);
    expect(mailsFor(id)).toHaveLength(0);

    h.clock.set('2026-11-25T06:00:00Z');
    expect(await h.worker.runOnce()).toMatchObject({ delivered: 1 });
    expect(mailsFor(id)).toHaveLength(1);
    expect(notificationsTitled('Quiet please')).toHaveLength(1);
  });

  it('sends outside quiet hours at once, the same day window included', async () => {
    const emma = users['emma.laurent'];
    await setPreferences(emma.Id, { quietStart: '12:00', quietEnd: '13:00', timeZone: 'America/New_York' });
    // 10:00 in New York (UTC-5): outside 12:00-13:00.
    h.clock.set('2026-11-24T15:00:00Z');
    const now = await writeAlert(db, { userId: emma.Id, title: 'Morning', createdAt: h.clock.now() });
    expect(await h.worker.runOnce()).toMatchObject({ delivered: 1, deferred: 0 });
    expect(mailsFor(now)).toHaveLength(1);
    // 12:15 there: quiet until 13:00 = 18:00 UTC.
    h.clock.set('2026-11-24T17:15:00Z');
    const later = await writeAlert(db, { userId: emma.Id, title: 'Lunch', createdAt: h.clock.now() });
    expect(await h.worker.runOnce()).toMatchObject({ deferred: 1 });
    expect((await outboxRow(db, later)).deliver_after).toEqual(new Date('2026-11-24T18:00:00Z'));
  });

  it('holds alerts for the daily digest and sends one e-mail a day at the user’s hour', async () => {
    const farid = users['farid.haddad'];
    // 08:00 in New York is 13:00 UTC in November.
    await setPreferences(farid.Id, { digest: true, digestHour: 8, timeZone: 'America/New_York' });
    h.clock.set('2026-11-24T11:00:00Z');
    const early = [
      await writeAlert(db, { userId: farid.Id, title: 'Digest one', createdAt: new Date('2026-11-24T10:00:00Z') }),
      await writeAlert(db, { userId: farid.Id, title: 'Digest two', createdAt: new Date('2026-11-24T11:00:00Z') }),
    ];
    expect(await h.worker.runOnce()).toMatchObject({ taken: 2, digested: 2, delivered: 0, digestsSent: 0 });
    for (const id of early) expect((await outboxRow(db, id)).status).toBe('digested');
    expect(h.smtp.mails.filter((m) => m.to.includes(farid.Email))).toHaveLength(0);
    expect(notificationsTitled('Digest one')).toHaveLength(0);

    h.clock.set('2026-11-24T12:59:00Z');
    expect((await h.worker.runOnce()).digestsSent).toBe(0);
    h.clock.set('2026-11-24T13:00:00Z');
    expect((await h.worker.runOnce()).digestsSent).toBe(1);
    const digests = () => h.smtp.mails.filter((m) => m.headers['x-pulse-digest-id']);
    expect(digests()).toHaveLength(1);
    expect(digests()[0]).toMatchObject({ to: [farid.Email], subject: '[Pulse] Daily digest for 2026-11-24: 2 alerts' });
    expect(digests()[0].headers['x-pulse-alert-ids']).toBe(early.join(','));
    expect(digests()[0].raw).toContain('Digest one');
    expect(digests()[0].raw).toContain('Digest two');
    for (const id of early)
      expect(await outboxRow(db, id)).toMatchObject({
        status: 'digested',
        delivered_at: new Date('2026-11-24T13:00:00Z'),
      });

    // An alert after today's digest waits for tomorrow's: one e-mail a day.
    h.clock.set('2026-11-24T14:00:00Z');
    const late = await writeAlert(db, { userId: farid.Id, title: 'Digest three', createdAt: h.clock.now() });
    expect(await h.worker.runOnce()).toMatchObject({ digested: 1, digestsSent: 0 });
    h.clock.set('2026-11-25T12:00:00Z');
    expect((await h.worker.runOnce()).digestsSent).toBe(0);
    h.clock.set('2026-11-25T13:05:00Z');
    expect((await h.worker.runOnce()).digestsSent).toBe(1);
    expect(digests()).toHaveLength(2);
    expect(digests()[1].headers['x-pulse-alert-ids']).toBe(String(late));
    expect(digests()[1].subject).toBe('[Pulse] Daily digest for 2026-11-25: 1 alert');
  });

  it('retries a refusing mail server with exponential backoff, then reports the alert failed', async () => {
    const ana = users['ana.souza'];
    await setPreferences(ana.Id, { channels: ['email'] });
    h.smtp.refuse('550 Mailbox unavailable');
    const failedBefore = await counter(h.metrics, 'pulse_alert_deliveries_total', { outcome: 'failed' });
    const offeredBefore = h.smtp.attempts();
    const id = await writeAlert(db, { userId: ana.Id, title: 'Refused', createdAt: START });

    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      await h.worker.runOnce();
      const row = await outboxRow(db, id);
      expect(row.attempts).toBe(attempt);
      expect(row.last_error).toContain('550 Mailbox unavailable');
      if (attempt === 8) break;
      expect(row.status).toBe('pending');
      delays.push((row.deliver_after.getTime() - h.clock.now().getTime()) / SECOND);
      // Not due before its time: another run sends nothing.
      h.clock.set(new Date(row.deliver_after.getTime() - 1));
      await h.worker.runOnce();
      expect(h.smtp.attempts() - offeredBefore).toBe(attempt);
      h.clock.set(row.deliver_after);
    }
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920]);
    expect(await outboxRow(db, id)).toMatchObject({ status: 'failed', attempts: 8 });
    expect(h.smtp.attempts() - offeredBefore).toBe(8);
    expect(await counter(h.metrics, 'pulse_alert_deliveries_total', { outcome: 'failed' })).toBe(failedBefore + 1);
    expect(mailsFor(id)).toHaveLength(0);

    // Failed is final: nothing more is sent.
    h.clock.advance(24 * 3_600 * SECOND);
    expect((await h.worker.runOnce()).taken).toBe(0);
  });

  it('retries when the mail server is down (a closed port), one failed connection per batch', async () => {
    const down = await h.instance({ PULSE_SMTP_URL: 'smtp://127.0.0.1:1' });
    down.clock.set(START);
    const ids = [];
    for (const name of ['ana.souza', 'ben.carter', 'chloe.kim'])
      ids.push(await writeAlert(db, { userId: users[name].Id, title: `Down ${name}`, createdAt: START }));
    expect(await down.worker.runOnce()).toMatchObject({ taken: 3, retrying: 3 });
    for (const id of ids) {
      const row = await outboxRow(db, id);
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.last_error).toMatch(/^email: .*ECONNREFUSED/);
      expect(row.deliver_after).toEqual(new Date(START.getTime() + 30 * SECOND));
    }
    // The Salesforce channel was reached: the retry owes only the e-mail.
    for (const name of ['ana.souza', 'ben.carter', 'chloe.kim'])
      expect(notificationsTitled(`Down ${name}`)).toHaveLength(1);

    h.clock.set(new Date(START.getTime() + 30 * SECOND));
    expect(await h.worker.runOnce()).toMatchObject({ delivered: 3 });
    for (const id of ids) expect(mailsFor(id)).toHaveLength(1);
    for (const name of ['ana.souza', 'ben.carter', 'chloe.kim'])
      expect(notificationsTitled(`Down ${name}`)).toHaveLength(1);
  });

  it('retries only the Salesforce notification when the org refuses it (API allocation spent)', async () => {
    const ben = users['ben.carter'];
    const id = await writeAlert(db, { userId: ben.Id, title: 'Org busy', createdAt: START });
    h.emulator.limits.setRemaining(0);
    try {
      expect(await h.worker.runOnce()).toMatchObject({ retrying: 1 });
    } finally {
      h.emulator.limits.clearInjected();
    }
    const row = await outboxRow(db, id);
    expect(row.last_error).toContain('salesforce: REQUEST_LIMIT_EXCEEDED');
    expect(mailsFor(id)).toHaveLength(1);

    h.clock.set(row.deliver_after);
    expect(await h.worker.runOnce()).toMatchObject({ delivered: 1 });
    expect(mailsFor(id)).toHaveLength(1);
    expect(notificationsTitled('Org busy')).toHaveLength(1);
  });

  it('fails at once, without retrying, an alert for a user who is not active', async () => {
    const ghost = await writeAlert(db, { userId: '005000000000000AAA', title: 'Nobody', createdAt: START });
    expect(await h.worker.runOnce()).toMatchObject({ failed: 1 });
    expect(await outboxRow(db, ghost)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await outboxRow(db, ghost)).last_error).toContain('not an active user');
    expect(notificationsTitled('Nobody')).toHaveLength(0);
  });

  it('never sends a row twice with two workers racing over the outbox', async () => {
    const second = await h.instance();
    second.clock.set(START);
    const names = ['ana.souza', 'ben.carter', 'chloe.kim', 'david.osei', 'emma.laurent', 'farid.haddad'];
    const ids: number[] = [];
    for (let i = 0; i < 36; i++)
      ids.push(
        await writeAlert(db, { userId: users[names[i % names.length]].Id, title: `Race ${i}`, createdAt: START }),
      );
    let taken = 0;
    for (let round = 0; round < 20; round++) {
      const runs = await Promise.all([h.worker.runOnce(4), second.worker.runOnce(4)]);
      taken += runs[0].taken + runs[1].taken;
      if (runs.every((r) => r.taken === 0)) break;
    }
    expect(taken).toBe(36);
    for (const [i, id] of ids.entries()) {
      expect(mailsFor(id)).toHaveLength(1);
      expect(notificationsTitled(`Race ${i}`)).toHaveLength(1);
      expect((await outboxRow(db, id)).status).toBe('delivered');
    }
  });

  it('a worker that dies after claiming leaves its rows leased; they are sent once the lease ends', async () => {
    const ana = users['ana.souza'];
    const id = await writeAlert(db, { userId: ana.Id, title: 'Orphaned', createdAt: START });
    // A worker claims the row, then its process dies before sending (a module closed mid-way).
    const doomed = await h.instance();
    doomed.clock.set(START);
    expect((await claimDue(doomed.module.get(DeliveryDatabase), START, 10)).alerts.map((a) => a.id)).toEqual([id]);
    await doomed.module.close();

    expect((await h.worker.runOnce()).taken).toBe(0);
    h.clock.set(new Date(START.getTime() + 5 * 60 * SECOND));
    expect(await h.worker.runOnce()).toMatchObject({ delivered: 1 });
    expect(mailsFor(id)).toHaveLength(1);
    expect(notificationsTitled('Orphaned')).toHaveLength(1);
  });

  it('counts every outcome in Prometheus metrics served by /metrics', async () => {
    const text = await h.metrics.registry.metrics();
    expect(text).toMatch(/pulse_alert_deliveries_total\{outcome="delivered"\} \d+/);
    expect(text).toMatch(/pulse_alert_channel_sends_total\{channel="salesforce",outcome="ok"\} \d+/);
    expect(text).toMatch(/pulse_alert_digests_total\{outcome="delivered"\} [1-9]/);
    expect(h.module.get(DeliveryWorker)).toBe(h.worker);
  });
});
