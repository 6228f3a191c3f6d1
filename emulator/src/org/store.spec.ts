import { changeEventsOf } from './changeEvents.ts';
import { seedDemoOrg } from './demoOrg.ts';
import { OrgStore, type CommittedTransaction } from './store.ts';
import { WriteError } from './values.ts';

function demoStore() {
  let now = Date.UTC(2026, 10, 24, 9);
  const store = new OrgStore({ orgId: '00D000000000001AAA', clock: () => now });
  const demo = seedDemoOrg(store, { seed: 7, now });
  const commits: CommittedTransaction[] = [];
  store.onCommit((tx) => commits.push(tx));
  return { store, demo, commits, tick: (ms: number) => (now += ms) };
}

const openDeal = (store: OrgStore, stage = 'Prospecting') =>
  [...store.scan('Opportunity')].find((o) => o.StageName === stage && !o.IsDeleted)!;

describe('OrgStore', () => {
  it('seeds the same demo org for the same seed', () => {
    const names = (seed: number) => {
      const store = new OrgStore({ orgId: '00D000000000001AAA', clock: () => 0 });
      seedDemoOrg(store, { seed, now: Date.UTC(2026, 0, 1) });
      return [...store.scan('Opportunity')].map((o) => `${o.Name}|${o.StageName}|${o.Amount}`);
    };
    expect(names(1)).toEqual(names(1));
    expect(names(1)).not.toEqual(names(2));
  });

  it('applies stage defaults on a stage change, as Salesforce does', () => {
    const { store, demo } = demoStore();
    const deal = openDeal(store);
    store.transact(demo.adminUserId, (tx) => tx.update('Opportunity', deal.Id, { StageName: 'Closed Won' }));
    expect(store.get('Opportunity', deal.Id)).toMatchObject({
      StageName: 'Closed Won',
      Probability: 100,
      ForecastCategoryName: 'Closed',
      IsClosed: true,
      IsWon: true,
    });
  });

  it('rolls a failed transaction back entirely and publishes nothing', () => {
    const { store, demo, commits } = demoStore();
    const deal = openDeal(store);
    expect(() =>
      store.transact(demo.adminUserId, (tx) => {
        tx.update('Opportunity', deal.Id, { Amount: 1 });
        tx.update('Opportunity', deal.Id, { Amout: 2 });
      }),
    ).toThrow(WriteError);
    expect(store.get('Opportunity', deal.Id)!.Amount).toBe(deal.Amount);
    expect(commits).toEqual([]);
  });

  it('refuses bad writes with Salesforce error codes', () => {
    const { store, demo } = demoStore();
    const deal = openDeal(store);
    const codeOf = (work: () => void) => {
      try {
        work();
      } catch (error) {
        return (error as WriteError).errorCode;
      }
    };
    const write = (values: Record<string, unknown>) => () =>
      store.transact(demo.adminUserId, (tx) => tx.update('Opportunity', deal.Id, values));
    expect(codeOf(write({ Amount: 'lots' }))).toBe('JSON_PARSER_ERROR');
    expect(codeOf(write({ IsWon: true }))).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    expect(codeOf(write({ StageName: 'Dreaming' }))).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(codeOf(write({ CloseDate: null }))).toBe('REQUIRED_FIELD_MISSING');
    expect(
      codeOf(() =>
        store.transact(demo.adminUserId, (tx) => tx.create('Opportunity', { Name: 'x', StageName: 'Prospecting' })),
      ),
    ).toBe('REQUIRED_FIELD_MISSING');
  });
});

describe('changeEventsOf', () => {
  it('describes an update with its changed and nulled fields only', () => {
    const { store, demo, commits, tick } = demoStore();
    const deal = openDeal(store);
    tick(1_000);
    store.transact(demo.adminUserId, (tx) => tx.update('Opportunity', deal.Id, { Amount: 5_000, LeadSource: null }));
    const [event] = changeEventsOf(commits[0], '66.0');
    expect(event.ChangeEventHeader).toMatchObject({
      entityName: 'Opportunity',
      changeType: 'UPDATE',
      recordIds: [deal.Id],
      commitTimestamp: commits[0].commitTimestamp,
      commitUser: demo.adminUserId,
      sequenceNumber: 1,
      nulledFields: ['LeadSource'],
    });
    expect(event.ChangeEventHeader.changedFields.sort()).toEqual([
      'Amount',
      'ExpectedRevenue',
      'LastModifiedDate',
      'LeadSource',
    ]);
    expect(event).toMatchObject({ Amount: 5_000, LastModifiedDate: '2026-11-24T09:00:01.000+0000' });
    expect(event).not.toHaveProperty('LeadSource');
    expect(event).not.toHaveProperty('Name');
  });

  it('merges identical changes of one transaction into one multi-record event', () => {
    const { store, demo, commits } = demoStore();
    const deals = [...store.scan('Opportunity')].filter((o) => !o.IsDeleted).slice(0, 3);
    store.transact(demo.adminUserId, (tx) => deals.forEach((d) => tx.delete('Opportunity', d.Id)));
    const events = changeEventsOf(commits[0], '66.0');
    expect(events).toHaveLength(1);
    expect(events[0].ChangeEventHeader.recordIds).toEqual(deals.map((d) => d.Id));
  });

  it('nests compound fields and numbers the events of a transaction', () => {
    const { store, demo, commits } = demoStore();
    const user = [...store.scan('User')][1];
    const account = [...store.scan('Account')][0];
    store.transact(demo.adminUserId, (tx) => {
      tx.update('User', user.Id, { FirstName: 'Danielle' });
      tx.update('Account', account.Id, { BillingCity: 'Denver' });
    });
    const [userEvent, accountEvent] = changeEventsOf(commits[0], '66.0');
    expect(userEvent).toMatchObject({ Name: { FirstName: 'Danielle' } });
    expect(userEvent.ChangeEventHeader.changedFields).toContain('Name.FirstName');
    expect(accountEvent).toMatchObject({ BillingAddress: { City: 'Denver' } });
    expect(accountEvent.ChangeEventHeader.changedFields).toContain('BillingAddress.City');
    expect([userEvent, accountEvent].map((e) => e.ChangeEventHeader.sequenceNumber)).toEqual([1, 2]);
    expect(new Set([userEvent, accountEvent].map((e) => e.ChangeEventHeader.transactionKey)).size).toBe(1);
  });
});
