// The stream rules end to end: deals change in the emulated org through jsforce, the backend applies
// the change events, and the alerts appear in the outbox (or do not) in the same transaction.
// "Does not fire" is checked once every event the org published is applied (caughtUp), never by
// waiting a while.
import { eventually } from '../support/eventually';
import { startAlertStack, type AlertStack, type OutboxRow } from './alert-stack';

jest.setTimeout(120_000);

describe('stream alert rules', () => {
  let s: AlertStack;
  let accountId: string;

  beforeAll(async () => {
    s = await startAlertStack();
    accountId = [...s.stream.emulator.store.scan('Account')].find((a) => a.IsDeleted !== true)!.Id;
    // ana (a West rep) for herself; marco (her manager) for his team, and for himself too (one alert, not two);
    // priya (East manager) for her team, which does not include ana.
    await s.subscribe('ana.souza', { ruleKind: 'deal_won', params: { minAmount: 50_000 } });
    await s.subscribe('ana.souza', { ruleKind: 'deal_lost' });
    await s.subscribe('ana.souza', { ruleKind: 'stage_moved_backwards' });
    await s.subscribe('ana.souza', { ruleKind: 'close_date_pushed_out' });
    await s.subscribe('marco.alvarez', { ruleKind: 'deal_won', scope: 'team' });
    await s.subscribe('marco.alvarez', { ruleKind: 'deal_won', scope: 'self' });
    await s.subscribe('priya.natarajan', { ruleKind: 'deal_won', scope: 'team' });
    await s.subscribe('priya.natarajan', { ruleKind: 'stage_moved_backwards', scope: 'team', active: false });
  }, 90_000);

  afterAll(async () => {
    await s?.close();
  });

  /**
   * A new open deal owned by `owner`, created as a user would, and applied before the test changes
   * it (otherwise the create and the change may be applied in one batch: a deal born won).
   */
  async function newDeal(owner: string, fields: Record<string, unknown> = {}): Promise<string> {
    const conn = await s.stream.org();
    const created = await conn.sobject('Opportunity').create({
      Name: `Alert test ${Math.random().toString(36).slice(2, 8)}`,
      AccountId: accountId,
      OwnerId: s.userId(owner),
      StageName: 'Qualification',
      CloseDate: '2031-01-10',
      Amount: 20_000,
      ...fields,
    });
    if (!created.success) throw new Error(JSON.stringify(created));
    await s.caughtUp();
    return created.id;
  }

  const update = async (id: string, fields: Record<string, unknown>) => {
    const result = await (await s.stream.org()).sobject('Opportunity').update({ Id: id, ...fields });
    if (!result.success) throw new Error(JSON.stringify(result));
  };

  const alertsFor = (recordId: string) => s.outbox('record_id = $1', [recordId]);
  const who = (rows: Pick<OutboxRow, 'rule_kind' | 'user_id'>[]) =>
    rows.map((r) => `${r.rule_kind} -> ${r.user_id}`).sort();

  it('deal_won: the owner above her threshold, her manager (once, though subscribed twice); not another team', async () => {
    const id = await newDeal('ana.souza', { StageName: 'Negotiation/Review', Amount: 120_000 });
    await update(id, { StageName: 'Closed Won' });
    await eventually(async () => expect((await alertsFor(id)).length).toBeGreaterThanOrEqual(2));
    await s.caughtUp();
    const rows = await alertsFor(id);
    expect(who(rows)).toEqual(
      [`deal_won -> ${s.userId('ana.souza')}`, `deal_won -> ${s.userId('marco.alvarez')}`].sort(),
    );
    const ana = rows.find((r) => r.user_id === s.userId('ana.souza'))!;
    const name = s.stream.emulator.store.get('Opportunity', id)!.Name as string;
    expect(ana.title).toBe(`Deal won: ${name} ($120,000)`);
    expect(ana.body).toContain('Stage Negotiation/Review -> Closed Won');
    expect(ana.body).toContain('owner Ana Souza');
    expect(ana.link).toBe(`${s.stream.emulator.url}/${id}`);
    expect(ana.sobject).toBe('Opportunity');
    expect(ana.payload.change).toMatchObject({ field: 'StageName', from: 'Negotiation/Review', to: 'Closed Won' });
    expect(ana.payload.amount).toBe(120_000);
  });

  it('deal_won below the owner’s minAmount reaches only the manager, whose threshold is 0', async () => {
    const id = await newDeal('ana.souza', { Amount: 10_000 });
    await update(id, { StageName: 'Closed Won' });
    await s.caughtUp();
    expect(who(await alertsFor(id))).toEqual([`deal_won -> ${s.userId('marco.alvarez')}`]);
  });

  it('deal_won of an East deal reaches priya’s team subscription, not marco’s', async () => {
    const id = await newDeal('david.osei', { Amount: 75_000 });
    await update(id, { StageName: 'Closed Won' });
    await s.caughtUp();
    expect(who(await alertsFor(id))).toEqual([`deal_won -> ${s.userId('priya.natarajan')}`]);
  });

  it('deal_lost fires when a deal is lost, and names the stage it was lost from', async () => {
    const id = await newDeal('ana.souza', { StageName: 'Value Proposition' });
    await update(id, { Amount: 30_000 }); // not a loss
    await update(id, { StageName: 'Closed Lost' });
    await s.caughtUp();
    const rows = await alertsFor(id);
    expect(who(rows)).toEqual([`deal_lost -> ${s.userId('ana.souza')}`]);
    expect(rows[0].body).toContain('Stage Value Proposition -> Closed Lost');
  });

  it('stage_moved_backwards: a forward move fires nothing, a move back fires once', async () => {
    const id = await newDeal('ana.souza', { StageName: 'Needs Analysis' });
    await update(id, { StageName: 'Value Proposition' });
    await s.caughtUp();
    expect(await alertsFor(id)).toEqual([]);
    await update(id, { StageName: 'Qualification' });
    await s.caughtUp();
    const rows = await alertsFor(id);
    expect(who(rows)).toEqual([`stage_moved_backwards -> ${s.userId('ana.souza')}`]);
    expect(rows[0].body).toContain('Stage Value Proposition -> Qualification');
    // priya's subscription to it is paused, and ana is not in her team anyway.
  });

  it('close_date_pushed_out: a push inside the quarter fires nothing; out of the quarter fires once', async () => {
    const id = await newDeal('ana.souza', { CloseDate: '2031-01-10' });
    await update(id, { CloseDate: '2031-03-31' }); // still Q1 (fiscal year starts in January)
    await update(id, { CloseDate: '2031-03-15' }); // earlier: never a push
    await s.caughtUp();
    expect(await alertsFor(id)).toEqual([]);
    await update(id, { CloseDate: '2031-04-01' });
    await s.caughtUp();
    const rows = await alertsFor(id);
    expect(who(rows)).toEqual([`close_date_pushed_out -> ${s.userId('ana.souza')}`]);
    expect(rows[0].body).toContain('Close date 2031-03-15 -> 2031-04-01: out of Q1 FY2031 into Q2 FY2031');
  });

  it('fires nothing for a deal outside every subscriber’s scope, or for a deleted one', async () => {
    const chloes = await newDeal('chloe.kim', { StageName: 'Value Proposition' });
    await update(chloes, { StageName: 'Prospecting', CloseDate: '2031-09-01' }); // backwards and pushed, but not ana's
    const anas = await newDeal('ana.souza');
    await (await s.stream.org()).sobject('Opportunity').destroy(anas);
    await s.caughtUp();
    expect(await alertsFor(chloes)).toEqual([]);
    expect(await alertsFor(anas)).toEqual([]);
  });

  it('a failure of the rules never holds up the sync: the change is applied, its alerts are not written', async () => {
    // Any insert into the outbox now fails (a constraint violation: not worth retrying).
    await s.stream.sql.query(`ALTER TABLE alert_outbox ADD CONSTRAINT refuse_all CHECK (false) NOT VALID`);
    try {
      const id = await newDeal('ana.souza', { StageName: 'Negotiation/Review', Amount: 99_000 });
      await update(id, { StageName: 'Closed Won' });
      await s.caughtUp();
      const { rows } = await s.stream.sql.query(`SELECT stage_name FROM opportunity WHERE salesforce_id = $1`, [id]);
      expect(rows).toEqual([{ stage_name: 'Closed Won' }]);
      expect(await alertsFor(id)).toEqual([]);
    } finally {
      await s.stream.sql.query(`ALTER TABLE alert_outbox DROP CONSTRAINT refuse_all`);
    }
    await s.stream.eventuallyEqual();
  });

  /** The alerts as written (delivery, running meanwhile, changes only their status columns). */
  const writtenFor = async (ids: string[]) =>
    (await s.outbox('record_id = ANY($1)', [ids])).map(
      ({ id, dedup_key, user_id, subscription_id, rule_kind, record_id, title, body, link, payload, created_at }) => ({
        ...{ id, dedup_key, user_id, subscription_id, rule_kind, record_id, title, body, link, payload, created_at },
      }),
    );

  /** bigserial draws a value for every row an INSERT tries, ON CONFLICT DO NOTHING or not. */
  const outboxIdsDrawn = async () =>
    Number((await s.stream.sql.query(`SELECT last_value FROM alert_outbox_id_seq`)).rows[0].last_value);

  it('replay after a crash: re-applying the same events writes no alert twice', async () => {
    await s.caughtUp();
    const before = await s.stream.position();
    const won = await newDeal('ana.souza', { StageName: 'Negotiation/Review', Amount: 90_000 });
    const back = await newDeal('ana.souza', { StageName: 'Value Proposition' });
    const snapshot = (
      await s.stream.sql.query(`SELECT * FROM opportunity WHERE salesforce_id = ANY($1)`, [[won, back]])
    ).rows;
    await update(won, { StageName: 'Closed Won' });
    await update(back, { StageName: 'Prospecting' });
    await eventually(async () => expect((await s.outbox('record_id = ANY($1)', [[won, back]])).length).toBe(3));
    await s.caughtUp();
    const written = await writtenFor([won, back]);
    const drawn = await outboxIdsDrawn();

    // 1. Restart from the position before the changes: every event is applied again.
    await s.restart(async () => {
      await s.stream.sql.query(`UPDATE sync_channel SET replay_id = $1`, [before.replay_id]);
    });
    const replayed = s.backend.applied;
    await s.caughtUp();
    expect(replayed().length).toBeGreaterThan(0);
    expect(await writtenFor([won, back])).toEqual(written);
    expect(await outboxIdsDrawn()).toBe(drawn); // the rows as they are already show no change: nothing fired

    // 2. The same, with the mirror rows put back as they were before the changes (as if the
    //    writes were lost while the alerts were not): the rules fire again, the outbox keeps one of each.
    await s.restart(async () => {
      await s.stream.sql.query(`UPDATE sync_channel SET replay_id = $1`, [before.replay_id]);
      for (const row of snapshot)
        await s.stream.sql.query(
          `UPDATE opportunity SET stage_name = $2, is_closed = $3, is_won = $4, system_modstamp = $5 WHERE salesforce_id = $1`,
          [row.salesforce_id, row.stage_name, row.is_closed, row.is_won, row.system_modstamp],
        );
    });
    await s.caughtUp();
    expect(await writtenFor([won, back])).toEqual(written);
    expect(await outboxIdsDrawn()).toBe(drawn + 3); // the three alerts fired again, and the dedup key refused them
    await s.stream.eventuallyEqual();
    expect(who(written)).toEqual(
      [
        `deal_won -> ${s.userId('ana.souza')}`,
        `deal_won -> ${s.userId('marco.alvarez')}`,
        `stage_moved_backwards -> ${s.userId('ana.souza')}`,
      ].sort(),
    );
  });
});
