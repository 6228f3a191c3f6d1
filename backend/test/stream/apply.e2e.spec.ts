// Live apply of Change Data Capture: every kind of change, of several objects, from the emulated
// org through jsforce's CometD client into PostgreSQL; the mirror compared with the org row by row.
import { MirrorEvents } from '../../src/sync/mirror-events.service';
import { eventually } from '../support/eventually';
import { expectNoDuplicates, startStreamStack, type RunningBackend, type StreamStack } from './stream-stack';

jest.setTimeout(60_000);

describe('streaming apply', () => {
  let stack: StreamStack;
  let backend: RunningBackend;

  beforeAll(async () => {
    stack = await startStreamStack();
    backend = await stack.start();
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  const lastReplayId = () => stack.emulator.streaming.retainedReplayIds.at(-1)!;
  const appliedThrough = (replayId: number) =>
    eventually(() => expect(backend.sync.status.lastReplayId).toBeGreaterThanOrEqual(replayId), 10_000);

  it('starts equal to the org after the initial load', async () => {
    await stack.expectMirrorEqualsOrg();
    const position = await stack.position();
    expect(position.loaded_at).toBeInstanceOf(Date);
  });

  it('applies creates, updates, deletes and undeletes of several objects, compound and nulled fields included', async () => {
    const conn = await stack.org();
    const account = await conn.sobject('Account').create({
      Name: 'Streamed Industries',
      Industry: 'Banking',
      BillingCity: 'Lyon',
      BillingState: 'ARA',
      BillingCountry: 'France',
      AnnualRevenue: 1_250_000,
    });
    const contact = await conn.sobject('Contact').create({
      AccountId: account.id,
      FirstName: 'Ada',
      LastName: 'Streamer',
      Title: 'CTO',
      MailingCity: 'Paris',
      MailingCountry: 'France',
    });
    const opportunity = await conn.sobject('Opportunity').create({
      Name: 'Streamed deal',
      AccountId: account.id,
      StageName: 'Prospecting',
      Amount: 42_000,
      CloseDate: '2027-03-31',
    });
    const product = await conn.sobject('Product2').create({ Name: 'Stream widget', Family: 'Platform' });
    const task = await conn
      .sobject('Task')
      .create({ Subject: 'Call Ada', WhatId: opportunity.id, Status: 'Not Started' });
    for (const r of [account, contact, opportunity, product, task]) expect(r.success).toBe(true);
    const [accountId, contactId, opportunityId, productId, taskId] = [account, contact, opportunity, product, task].map(
      (r) => r.id!,
    );

    // Compound parts changed and nulled (BillingAddress.City, MailingAddress.Country), plain fields nulled.
    await conn.sobject('Account').update({ Id: accountId, BillingCity: 'Grenoble', Industry: null });
    await conn.sobject('Contact').update({ Id: contactId, LastName: 'Lovelace', MailingCountry: null, Title: null });
    await conn.sobject('Opportunity').update({ Id: opportunityId, StageName: 'Qualification', Amount: null });
    await conn.sobject('Product2').update({ Id: productId, IsActive: true, Family: null });
    await conn.sobject('Task').destroy(taskId);
    await conn.sobject('Opportunity').destroy(opportunityId);
    // The REST API has no undelete: the org restores it from the recycle bin itself.
    stack.emulator.store.transact(stack.adminUserId, (tx) => tx.undelete('Opportunity', opportunityId));
    // A user's name arrives as parts of the compound Name; the mirrored full name is re-read.
    const [user] = (await conn.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'marco.alvarez@pulse.demo'"))
      .records;
    await conn.sobject('User').update({ Id: user.Id, FirstName: 'Marcus', Title: null });

    await stack.eventuallyEqual();
    const { rows } = await stack.sql.query(
      `SELECT a.billing_city, a.industry, c.last_name, c.mailing_country, o.is_deleted, o.amount, t.is_deleted AS task_deleted, u.name
         FROM account a, contact c, opportunity o, task t, sf_user u
        WHERE a.salesforce_id = $1 AND c.salesforce_id = $2 AND o.salesforce_id = $3 AND t.salesforce_id = $4 AND u.salesforce_id = $5`,
      [accountId, contactId, opportunityId, taskId, user.Id],
    );
    expect(rows).toEqual([
      {
        billing_city: 'Grenoble',
        industry: null,
        last_name: 'Lovelace',
        mailing_country: null,
        is_deleted: false,
        amount: null,
        task_deleted: true,
        name: 'Marcus Alvarez',
      },
    ]);
    expectNoDuplicates(backend.applied());
  });

  it('applies a composite request (one Salesforce transaction, many records) in one database transaction', async () => {
    const conn = await stack.org();
    const open = (await conn.query<{ Id: string }>('SELECT Id FROM Opportunity WHERE IsDeleted = false LIMIT 60'))
      .records;
    expect(open).toHaveLength(60);
    const before = lastReplayId();
    // 40 records changed the same way (multi-record events) and 20 each its own way, all or none.
    const results = await conn.sobject('Opportunity').update(
      open.map((o, i) => (i < 40 ? { Id: o.Id, NextStep: 'Send the proposal' } : { Id: o.Id, Amount: 10_000 + i })),
      { allOrNone: true },
    );
    expect(results.every((r) => r.success)).toBe(true);
    const events = stack.emulator.streaming.exportReplayLog().events.filter((e) => e.replayId > before);
    const keys = new Set(events.map((e) => e.payload.ChangeEventHeader.transactionKey));
    expect(keys.size).toBe(1); // one Salesforce transaction...
    expect(events.some((e) => e.payload.ChangeEventHeader.recordIds.length > 1)).toBe(true);

    await appliedThrough(lastReplayId());
    await stack.eventuallyEqual();
    // ...committed in a single database transaction: one batch holds every one of its events.
    const ids = events.map((e) => e.replayId);
    const holding = backend.batches.filter((b) => b.replayIds.some((id) => ids.includes(id)));
    expect(holding).toHaveLength(1);
    expect(holding[0].replayIds).toEqual(expect.arrayContaining(ids));
  });

  it('never lets an older change overwrite a row stamped later', async () => {
    const conn = await stack.org();
    const [deal] = (
      await conn.query<{ Id: string }>(
        'SELECT Id FROM Opportunity WHERE IsClosed = false AND IsDeleted = false LIMIT 1',
      )
    ).records;
    // The mirror holds a newer state of the record than the change about to come (as after a re-read).
    await stack.sql.query(
      `UPDATE opportunity SET name = 'Newer in the mirror', system_modstamp = now() + interval '1 day' WHERE salesforce_id = $1`,
      [deal.Id],
    );
    await conn.sobject('Opportunity').update({ Id: deal.Id, Name: 'Older change' });
    await appliedThrough(lastReplayId());
    const { rows } = await stack.sql.query(`SELECT name FROM opportunity WHERE salesforce_id = $1`, [deal.Id]);
    expect(rows).toEqual([{ name: 'Newer in the mirror' }]);

    // Put the row back as Salesforce holds it (a re-read is guarded the same way, so rewind first).
    await stack.sql.query(`UPDATE opportunity SET system_modstamp = '2000-01-01' WHERE salesforce_id = $1`, [deal.Id]);
    await backend.sync.requestRefetch('Opportunity', [deal.Id], 'test');
    await stack.eventuallyEqual();
  });

  it('announces committed batches to live widgets, coalescing a burst', async () => {
    const seen: string[][] = [];
    const mirrorEvents = backend.app.get(MirrorEvents);
    const subscription = mirrorEvents.changes.subscribe((c) => seen.push(c.entities));
    try {
      const conn = await stack.org();
      const deals = (await conn.query<{ Id: string }>('SELECT Id FROM Opportunity WHERE IsDeleted = false LIMIT 30'))
        .records;
      const [account] = (await conn.query<{ Id: string }>('SELECT Id FROM Account LIMIT 1')).records;
      for (const d of deals) await conn.sobject('Opportunity').update({ Id: d.Id, NextStep: `step ${d.Id}` });
      await conn.sobject('Account').update({ Id: account.Id, NumberOfEmployees: 4242 });
      await appliedThrough(lastReplayId());
      await eventually(() => expect(seen.flat()).toEqual(expect.arrayContaining(['Opportunity', 'Account'])));
      expect(seen.length).toBeLessThan(31);
    } finally {
      subscription.unsubscribe();
    }
  });
});
