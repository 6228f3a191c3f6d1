// What the platform does on a write, inside the same transaction: OpportunityHistory rows, the
// line-item roll-up, and derived fields on activities and contacts, consistent with the demo data.
import { changeEventsOf } from '../changeEvents.ts';
import { seedDemoOrg } from '../demoOrg.ts';
import { OrgStore, type CommittedTransaction } from '../store.ts';
import { WriteError } from '../values.ts';

function org() {
  const now = Date.UTC(2026, 10, 24, 9);
  const store = new OrgStore({ orgId: '00D000000000001AAA', clock: () => now });
  const { adminUserId } = seedDemoOrg(store, { seed: 11, now, opportunities: 600 });
  const commits: CommittedTransaction[] = [];
  store.onCommit((tx) => commits.push(tx));
  const write = <T>(work: Parameters<typeof store.transact<T>>[1]) => store.transact(adminUserId, work);
  const history = (id: string) => [...store.scan('OpportunityHistory')].filter((h) => h.OpportunityId === id);
  const find = (sobject: string, test: (r: Record<string, unknown>) => boolean) => [...store.scan(sobject)].find(test)!;
  return { store, commits, write, history, find };
}

const codeOf = (work: () => void) => {
  try {
    work();
  } catch (error) {
    return (error as WriteError).errorCode;
  }
};

describe('OpportunityHistory', () => {
  it('adds one row in the same commit when the stage changes, none when only the name does', () => {
    const { commits, write, history, find } = org();
    const deal = find('Opportunity', (o) => o.StageName === 'Qualification' && !o.HasOpportunityLineItem);
    const before = history(deal.Id as string).length;
    write((tx) => tx.update('Opportunity', deal.Id as string, { Name: 'Renamed' }));
    expect(history(deal.Id as string)).toHaveLength(before);
    write((tx) => tx.update('Opportunity', deal.Id as string, { StageName: 'Needs Analysis' }));
    const rows = history(deal.Id as string);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      StageName: 'Needs Analysis',
      Probability: 20,
      Amount: deal.Amount,
      PrevAmount: deal.Amount,
      PrevCloseDate: deal.CloseDate,
      ForecastCategory: 'Pipeline',
    });
    const stageCommit = commits.at(-1)!;
    expect(stageCommit.changes.map((c) => `${c.sobject} ${c.changeType}`)).toEqual([
      'Opportunity UPDATE',
      'OpportunityHistory CREATE',
    ]);
    // Not a Change Data Capture entity: subscribers hear only of the opportunity.
    expect(changeEventsOf(stageCommit, '66.0').map((e) => e.ChangeEventHeader.entityName)).toEqual(['Opportunity']);
  });

  it('starts with the creation, and follows amount and close date changes', () => {
    const { write, history } = org();
    const id = write((tx) =>
      tx.create('Opportunity', { Name: 'New', StageName: 'Prospecting', CloseDate: '2027-01-15', Amount: 1_000 }),
    );
    write((tx) => tx.update('Opportunity', id, { CloseDate: '2027-02-15' }));
    write((tx) => tx.update('Opportunity', id, { Amount: 2_000 }));
    expect(history(id).map((h) => [h.Amount, h.CloseDate, h.PrevAmount, h.PrevCloseDate])).toEqual([
      [1_000, '2027-01-15', null, null],
      [1_000, '2027-02-15', 1_000, '2027-01-15'],
      [2_000, '2027-02-15', 1_000, '2027-02-15'],
    ]);
  });

  it('cannot be written through the API', () => {
    const { write, find } = org();
    const row = find('OpportunityHistory', () => true);
    expect(codeOf(() => write((tx) => tx.create('OpportunityHistory', {})))).toBe('INVALID_TYPE_FOR_OPERATION');
    expect(codeOf(() => write((tx) => tx.delete('OpportunityHistory', row.Id as string)))).toBe(
      'INVALID_TYPE_FOR_OPERATION',
    );
  });
});

describe('opportunity products', () => {
  it('rolls line items up into Amount, and ignores writes to Amount while there are products', () => {
    const { store, write, find, history } = org();
    const deal = find('Opportunity', (o) => o.StageName === 'Value Proposition' && !o.HasOpportunityLineItem);
    const entry = find('PricebookEntry', (e) => e.Name === 'Analytics Add-on');
    const itemId = write((tx) =>
      tx.create('OpportunityLineItem', {
        OpportunityId: deal.Id,
        PricebookEntryId: entry.Id,
        Quantity: 3,
        UnitPrice: 4_000,
        Discount: 10,
      }),
    );
    expect(store.get('OpportunityLineItem', itemId)).toMatchObject({
      ListPrice: 4_800,
      Subtotal: 12_000,
      TotalPrice: 10_800,
      Product2Id: entry.Product2Id,
    });
    expect(store.get('Opportunity', deal.Id as string)).toMatchObject({ Amount: 10_800, HasOpportunityLineItem: true });
    expect(history(deal.Id as string).at(-1)).toMatchObject({ Amount: 10_800, PrevAmount: deal.Amount });

    write((tx) => tx.update('Opportunity', deal.Id as string, { Amount: 1, NextStep: 'Send quote' }));
    expect(store.get('Opportunity', deal.Id as string)).toMatchObject({ Amount: 10_800, NextStep: 'Send quote' });

    write((tx) => tx.update('OpportunityLineItem', itemId, { Quantity: 5 }));
    expect(store.get('Opportunity', deal.Id as string)!.Amount).toBe(18_000);
    write((tx) => tx.delete('OpportunityLineItem', itemId));
    expect(store.get('Opportunity', deal.Id as string)).toMatchObject({ Amount: 0, HasOpportunityLineItem: false });
  });

  it('refuses a line item that gives both the sales price and the total', () => {
    const { write, find } = org();
    const deal = find('Opportunity', (o) => !o.IsClosed);
    const entry = find('PricebookEntry', () => true);
    const both = { OpportunityId: deal.Id, PricebookEntryId: entry.Id, Quantity: 1, UnitPrice: 1, TotalPrice: 1 };
    expect(codeOf(() => write((tx) => tx.create('OpportunityLineItem', both)))).toBe('FIELD_INTEGRITY_EXCEPTION');
  });
});

describe('activities and contacts', () => {
  it("closes a completed task, stamps it, and files it under the opportunity's account", () => {
    const { store, write, find } = org();
    const deal = find('Opportunity', (o) => !o.IsClosed);
    const id = write((tx) => tx.create('Task', { WhatId: deal.Id, Subject: 'Call', Status: 'Completed' }));
    expect(store.get('Task', id)).toMatchObject({
      IsClosed: true,
      Priority: 'Normal',
      TaskSubtype: 'Task',
      AccountId: deal.AccountId,
      CompletedDateTime: '2026-11-24T09:00:00.000+0000',
    });
    write((tx) => tx.update('Task', id, { Status: 'In Progress' }));
    expect(store.get('Task', id)).toMatchObject({ IsClosed: false, CompletedDateTime: null });
  });

  it("derives an event's end and date from its start and duration", () => {
    const { store, write } = org();
    const id = write((tx) =>
      tx.create('Event', { Subject: 'Demo', StartDateTime: '2026-12-01T16:00:00Z', DurationInMinutes: 45 }),
    );
    expect(store.get('Event', id)).toMatchObject({
      ActivityDateTime: '2026-12-01T16:00:00.000+0000',
      EndDateTime: '2026-12-01T16:45:00.000+0000',
      ActivityDate: '2026-12-01',
    });
  });

  it("builds a contact's Name and MailingAddress", () => {
    const { store, write } = org();
    const id = write((tx) => tx.create('Contact', { FirstName: 'Ada', LastName: 'Byron', MailingCity: 'London' }));
    expect(store.get('Contact', id)).toMatchObject({
      Name: 'Ada Byron',
      MailingAddress: { city: 'London', street: null, country: null },
    });
  });

  it('agrees with the demo data: an unrelated edit changes nothing the platform derives', () => {
    const { write, commits, find } = org();
    const edits: [string, (r: Record<string, unknown>) => boolean][] = [
      ['Opportunity', (o) => o.HasOpportunityLineItem === true && o.IsWon === true],
      ['Opportunity', (o) => o.IsClosed === false],
      ['OpportunityLineItem', () => true],
      ['Task', (t) => t.IsClosed === true],
      ['Event', () => true],
      ['Contact', () => true],
    ];
    for (const [sobject, which] of edits) {
      const record = find(sobject, which);
      write((tx) => tx.update(sobject, record.Id as string, { Description: 'touched' }));
      expect(Object.keys(commits.at(-1)!.changes[0].fields).sort()).toEqual(['Description', 'LastModifiedDate']);
      expect(commits.at(-1)!.changes).toHaveLength(1);
    }
  });
});
