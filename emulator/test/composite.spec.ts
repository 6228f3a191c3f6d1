// sObject Collections as unmodified jsforce uses them: create, update, destroy and retrieve with
// arrays, each request one transaction.
import { Connection } from 'jsforce';
import { connectClient, waitFor, type TestClient } from '../src/streaming/test-harness.ts';
import { startTestOrg, type TestOrg } from './support.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ROLLED_BACK = 'ALL_OR_NONE_OPERATION_ROLLED_BACK';

type Result = { id?: string; success: boolean; errors: { statusCode: string; message: string; fields: string[] }[] };

describe('sObject Collections over HTTP', () => {
  let org: TestOrg;
  let conn: Connection;
  const accounts = () => org.emulator.store.count('Account');

  beforeAll(async () => {
    org = await startTestOrg();
    conn = new Connection({ loginUrl: org.emulator.url, version: '66.0' });
    await conn.authorize({ grant_type: JWT_BEARER, assertion: org.assertion() });
  });

  afterAll(() => org.emulator.close());

  describe('create', () => {
    it('creates every record and answers SaveResults in order', async () => {
      const before = accounts();
      const results = (await conn.sobject('Account').create([{ Name: 'One' }, { Name: 'Two' }])) as Result[];
      expect(results).toEqual([
        { id: expect.stringMatching(/^001\w{15}$/), success: true, errors: [] },
        { id: expect.stringMatching(/^001\w{15}$/), success: true, errors: [] },
      ]);
      expect(accounts()).toBe(before + 2);
      expect(org.emulator.store.get('Account', results[1].id!)?.Name).toBe('Two');
    });

    it('with allOrNone=false reports a bad record in its place and commits the others in one transaction', async () => {
      const sub: TestClient = connectClient(org.emulator.url, '/data/AccountChangeEvent', -1, conn.accessToken!);
      try {
        await expect(sub.subscribed).resolves.toBeNull();
        const results = (await conn
          .sobject('Account')
          .create([{ Name: 'Good 1' }, { Industry: 'Energy' }, { Name: 'Good 2' }])) as Result[];
        expect(results.map((r) => r.success)).toEqual([true, false, true]);
        expect(results[1]).toEqual({
          success: false,
          errors: [
            { statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] },
          ],
        });
        const events = () => sub.received.map((d) => d.payload.ChangeEventHeader);
        await waitFor(() => events().flatMap((h) => h.recordIds).length === 2, 5_000, 'both create events');
        expect(new Set(events().map((h) => h.transactionKey)).size).toBe(1);
        expect(
          events()
            .flatMap((h) => h.recordIds)
            .sort(),
        ).toEqual([results[0].id, results[2].id].sort());
      } finally {
        await sub.disconnect();
      }
    });

    it('with allOrNone=true rolls every record back and says why for each', async () => {
      const before = accounts();
      const results = (await conn
        .sobject('Account')
        .create([{ Name: 'Kept?' }, { Name: 'Bad', NumberOfEmployees: 'many' }], { allOrNone: true })) as Result[];
      expect(results[0]).toEqual({ success: false, errors: [expect.objectContaining({ statusCode: ROLLED_BACK })] });
      expect(results[1].errors[0]).toMatchObject({ statusCode: 'JSON_PARSER_ERROR', fields: ['NumberOfEmployees'] });
      expect(accounts()).toBe(before);
    });

    it('refuses an Id on insert, an unknown type, and more than 200 records', async () => {
      const response = await fetch(`${org.emulator.url}/services/data/v66.0/composite/sobjects`, {
        method: 'POST',
        headers: { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          records: [
            { attributes: { type: 'Account' }, Id: '001000000000001AAA', Name: 'x' },
            { attributes: { type: 'Nope__c' }, Name: 'x' },
          ],
        }),
      });
      expect(response.status).toBe(200);
      const results = (await response.json()) as Result[];
      expect(results.map((r) => r.errors[0].statusCode)).toEqual(['INVALID_FIELD_FOR_INSERT_UPDATE', 'INVALID_TYPE']);

      const many = Array.from({ length: 201 }, (_, i) => ({ Name: `N${i}` }));
      await expect(conn.sobject('Account').create(many)).rejects.toMatchObject({ errorCode: 'EXCEEDED_ID_LIMIT' });
    });
  });

  describe('update and destroy', () => {
    it('updates many records and reports an id of the wrong type', async () => {
      const [a, b] = (await conn.sobject('Account').create([{ Name: 'U1' }, { Name: 'U2' }])) as Result[];
      const opportunityId = org.emulator.store.scan('Opportunity')[Symbol.iterator]().next().value!.Id;
      const results = (await conn.sobject('Account').update([
        { Id: a.id!, Industry: 'Energy' },
        { Id: b.id!, Name: 'U2 renamed' },
        { Id: opportunityId, Name: 'wrong type' },
      ])) as Result[];
      expect(results.slice(0, 2)).toEqual([
        { id: a.id, success: true, errors: [] },
        { id: b.id, success: true, errors: [] },
      ]);
      expect(results[2].errors[0].statusCode).toBe('MALFORMED_ID');
      expect(org.emulator.store.get('Account', b.id!)?.Name).toBe('U2 renamed');
    });

    it('destroys many records, reporting a malformed or already deleted id in its place', async () => {
      const [a, b] = (await conn.sobject('Account').create([{ Name: 'D1' }, { Name: 'D2' }])) as Result[];
      await conn.sobject('Account').destroy(b.id!);
      const results = (await conn.sobject('Account').destroy([a.id!, b.id!, 'not-an-id'])) as Result[];
      expect(results[0]).toEqual({ id: a.id, success: true, errors: [] });
      expect(results[1].errors[0].statusCode).toBe('ENTITY_IS_DELETED');
      expect(results[2].errors[0]).toMatchObject({ statusCode: 'MALFORMED_ID', message: 'malformed id not-an-id' });
      const gone = await conn.query(`SELECT Id, IsDeleted FROM Account WHERE Id = '${a.id}'`, { scanAll: true });
      expect(gone.records).toMatchObject([{ IsDeleted: true }]);
    });

    it('with allOrNone=true deletes nothing when one id fails', async () => {
      const [a] = (await conn.sobject('Account').create([{ Name: 'Stays' }])) as Result[];
      const results = (await conn
        .sobject('Account')
        .destroy([a.id!, '001000000000000AAA'], { allOrNone: true })) as Result[];
      expect(results[0].errors[0].statusCode).toBe(ROLLED_BACK);
      expect(org.emulator.store.get('Account', a.id!)?.IsDeleted).toBe(false);
    });
  });

  describe('retrieve', () => {
    it('retrieves many records with every described field (jsforce describes first), null where none', async () => {
      const [a] = (await conn.sobject('Account').create([{ Name: 'R1', Industry: 'Energy' }])) as Result[];
      const records = (await conn.sobject('Account').retrieve([a.id!, '001000000000000AAA'])) as unknown[];
      expect(records).toHaveLength(2);
      expect(records[0]).toMatchObject({
        attributes: { type: 'Account', url: `/services/data/v66.0/sobjects/Account/${a.id}` },
        Id: a.id,
        Name: 'R1',
        Industry: 'Energy',
        AnnualRevenue: null,
      });
      expect(records[1]).toBeNull();
    });

    it('answers the GET form too, and refuses a collection request without ids', async () => {
      const [a] = (await conn.sobject('Account').create([{ Name: 'R3' }])) as Result[];
      const base = `${org.emulator.url}/services/data/v66.0/composite/sobjects`;
      const headers = { authorization: `Bearer ${conn.accessToken}` };
      const got = await fetch(`${base}/Account?ids=${a.id},001000000000000AAA&fields=Id,Name`, { headers });
      expect(await got.json()).toEqual([{ attributes: expect.any(Object), Id: a.id, Name: 'R3' }, null]);
      const noIds = await fetch(base, { method: 'DELETE', headers });
      expect(noIds.status).toBe(400);
      expect(await noIds.json()).toEqual([expect.objectContaining({ errorCode: 'MISSING_ARGUMENT' })]);
    });

    it('returns only the fields asked for and refuses an unknown one', async () => {
      const [a] = (await conn.sobject('Account').create([{ Name: 'R2' }])) as Result[];
      const [record] = (await conn.sobject('Account').retrieve([a.id!], { fields: ['Name'] })) as object[];
      expect(record).toEqual({ attributes: expect.any(Object), Name: 'R2' });
      await expect(conn.sobject('Account').retrieve([a.id!], { fields: ['Nope'] })).rejects.toMatchObject({
        errorCode: 'INVALID_FIELD',
      });
    });
  });
});
