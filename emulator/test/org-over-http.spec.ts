// The emulated org as unmodified jsforce sees it, over HTTP.
import { generateKeyPairSync } from 'node:crypto';
import { Connection } from 'jsforce';
import { startTestOrg, type TestOrg } from './support.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

describe('the emulated org over HTTP', () => {
  let org: TestOrg;
  let conn: Connection;

  beforeAll(async () => {
    org = await startTestOrg();
    conn = new Connection({ loginUrl: org.emulator.url, version: '66.0' });
    await conn.authorize({ grant_type: JWT_BEARER, assertion: org.assertion() });
  });

  afterAll(() => org.emulator.close());

  describe('OAuth 2.0 JWT bearer', () => {
    it('signs jsforce in and names the org and user in the identity URL', async () => {
      const fresh = new Connection({ loginUrl: org.emulator.url, version: '66.0' });
      const info = await fresh.authorize({ grant_type: JWT_BEARER, assertion: org.assertion() });
      expect(info.organizationId).toBe(org.emulator.store.orgId);
      expect(org.emulator.store.byId(info.id)?.Username).toBe('integration@pulse.demo');
      expect(fresh.instanceUrl).toBe(org.emulator.url);
    });

    const refused = async (assertion: string) => {
      const fresh = new Connection({ loginUrl: org.emulator.url, version: '66.0' });
      return fresh.authorize({ grant_type: JWT_BEARER, assertion }).then(
        () => 'accepted',
        (error: Error) => `${error.name}: ${error.message}`,
      );
    };

    it('refuses a bad signature, a wrong audience, an expired assertion and an unknown user', async () => {
      const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      expect(await refused(org.assertion({}, stranger))).toBe('invalid_grant: invalid assertion');
      expect(await refused(org.assertion({ aud: 'https://evil.example.com' }))).toBe(
        'invalid_grant: audience is invalid',
      );
      expect(await refused(org.assertion({ exp: Math.floor(Date.now() / 1000) - 60 }))).toBe(
        'invalid_grant: expired authorization code',
      );
      expect(await refused(org.assertion({ sub: 'nobody@pulse.demo' }))).toBe(
        "invalid_grant: user hasn't approved this consumer",
      );
      expect(await refused(org.assertion({ iss: 'someone-else' }))).toBe(
        'invalid_client_id: client identifier invalid',
      );
    });

    it('answers an unknown or revoked session with INVALID_SESSION_ID', async () => {
      const stale = new Connection({ instanceUrl: org.emulator.url, accessToken: 'nope', version: '66.0' });
      await expect(stale.query('SELECT Id FROM Account')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
    });
  });

  describe('REST query', () => {
    it('returns every record through jsforce', async () => {
      const total = org.emulator.store.count('Opportunity');
      const all = await conn.query('SELECT Id, Name FROM Opportunity').run({ autoFetch: true, maxFetch: 100_000 });
      expect(all.records).toHaveLength(total);
    });

    it('pages through queryMore at 200 records a batch', async () => {
      for (let i = 0; i < 200; i++) org.emulator.store.seed('Account', { Name: `Bulk ${i}`, IsDeleted: false });
      const res = await fetch(
        `${org.emulator.url}/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id FROM Account')}`,
        {
          headers: { authorization: `Bearer ${conn.accessToken}`, 'sforce-query-options': 'batchSize=200' },
        },
      );
      let page = (await res.json()) as { done: boolean; records: { Id: string }[]; nextRecordsUrl?: string };
      const sizes = [page.records.length];
      const ids = new Set(page.records.map((r) => r.Id));
      while (!page.done) {
        page = await conn.queryMore<{ Id: string }>(page.nextRecordsUrl!);
        sizes.push(page.records.length);
        for (const r of page.records) ids.add(r.Id);
      }
      const total = org.emulator.store.count('Account');
      expect(sizes.slice(0, -1).every((n) => n === 200)).toBe(true);
      expect(sizes.length).toBe(Math.ceil(total / 200));
      expect(ids.size).toBe(total);
    });

    it('returns deleted rows only through queryAll', async () => {
      const [victim] = (await conn.query<{ Id: string }>('SELECT Id FROM Opportunity LIMIT 1')).records;
      await conn.sobject('Opportunity').destroy(victim.Id);
      const soql = `SELECT Id, IsDeleted FROM Opportunity WHERE Id = '${victim.Id}'`;
      expect((await conn.query(soql)).records).toEqual([]);
      expect((await conn.query(soql, { scanAll: true })).records).toMatchObject([{ Id: victim.Id, IsDeleted: true }]);
    });

    it('answers bad SOQL with Salesforce error codes', async () => {
      await expect(conn.query('SELECT Id FORM Account')).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
      await expect(conn.query('SELECT Amout FROM Opportunity')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    });
  });

  describe('sObjects', () => {
    it('creates, reads, updates and deletes through jsforce', async () => {
      const created = await conn
        .sobject('Opportunity')
        .create({ Name: 'Over HTTP', StageName: 'Prospecting', CloseDate: '2027-03-31', Amount: 10 });
      if (!created.success) throw new Error(`create failed: ${JSON.stringify(created.errors)}`);
      await conn.sobject('Opportunity').update({ Id: created.id, Amount: 20 });
      const read = await conn.sobject('Opportunity').retrieve(created.id);
      expect(read).toMatchObject({
        Name: 'Over HTTP',
        Amount: 20,
        Probability: 10,
        OwnerId: org.emulator.demo!.adminUserId,
      });
      await conn.sobject('Opportunity').destroy(created.id);
      await expect(conn.sobject('Opportunity').retrieve(created.id)).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
    });

    it('refuses an invalid write with the offending field', async () => {
      await expect(
        conn.sobject('Opportunity').create({ Name: 'No stage', CloseDate: '2027-01-01' }),
      ).rejects.toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING' });
    });

    it('describes objects with picklist values and relationships', async () => {
      const describe = await conn.sobject('Opportunity').describe();
      const stage = describe.fields.find((f) => f.name === 'StageName');
      expect(stage?.picklistValues?.map((p) => p.value)).toContain('Closed Won');
      expect(describe.fields.find((f) => f.name === 'AccountId')).toMatchObject({
        relationshipName: 'Account',
        referenceTo: ['Account'],
      });
    });
  });
});
