// Custom notifications through unmodified jsforce over HTTP: the Pulse_Alert type found by SOQL, the
// standard action's request and per-input results, its errors, and the log tests and the preview read.
import { Connection } from 'jsforce';
import { startTestOrg, type TestOrg } from './support.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ACTION = '/actions/standard/customNotificationAction';

type Result = { actionName: string; isSuccess: boolean; errors: { statusCode: string; message: string }[] | null };

describe('custom notifications (customNotificationAction)', () => {
  let org: TestOrg;
  let conn: Connection;
  let typeId: string;
  let rep: { Id: string };
  let opportunityId: string;

  /** POSTs inputs; answers the status and the per-input results whatever the status. */
  const post = async (body: unknown): Promise<{ status: number; results: unknown }> => {
    const response = await fetch(`${org.emulator.url}/services/data/v66.0${ACTION}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, results: await response.json() };
  };
  const input = (extra: Record<string, unknown> = {}) => ({
    customNotifTypeId: typeId,
    recipientIds: [rep.Id],
    title: 'Deal won: Acme',
    body: 'Acme closed at $120,000.',
    targetId: opportunityId,
    ...extra,
  });

  beforeAll(async () => {
    org = await startTestOrg({ demo: { opportunities: 40, accounts: 10 } });
    conn = new Connection({ loginUrl: org.emulator.url, version: '66.0' });
    await conn.authorize({ grant_type: JWT_BEARER, assertion: org.assertion() });
    const types = await conn.query<{ Id: string }>(
      "SELECT Id, DeveloperName, MasterLabel FROM CustomNotificationType WHERE DeveloperName = 'Pulse_Alert'",
    );
    typeId = types.records[0].Id;
    rep = (await conn.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'ana.souza@pulse.demo'")).records[0];
    opportunityId = (await conn.query<{ Id: string }>('SELECT Id FROM Opportunity LIMIT 1')).records[0].Id;
  });

  afterAll(() => org.emulator.close());
  beforeEach(() => org.emulator.notifications.clear());

  it('the demo org holds the Pulse_Alert notification type, queryable by SOQL', async () => {
    const { records } = await conn.query<Record<string, unknown>>(
      'SELECT Id, CustomNotifTypeName, DeveloperName, MasterLabel, Desktop, Mobile FROM CustomNotificationType',
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ DeveloperName: 'Pulse_Alert', MasterLabel: 'Pulse Alert', Desktop: true });
    expect(String(records[0].Id).startsWith('0ML')).toBe(true);
  });

  it('sends through jsforce requestPost: one success result per input, and records what was sent', async () => {
    const results = await conn.requestPost<Result[]>(ACTION, { inputs: [input(), input({ title: 'Second' })] });
    expect(results).toEqual([
      {
        actionName: 'customNotificationAction',
        errors: null,
        isSuccess: true,
        outputValues: { SuccessMessage: 'Your custom notification is processed successfully.' },
      },
      expect.objectContaining({ isSuccess: true }),
    ]);
    const { notifications } = (await (await fetch(`${org.emulator.url}/emulator/notifications`)).json()) as {
      notifications: Record<string, unknown>[];
    };
    expect(notifications).toHaveLength(2);
    expect(notifications[0]).toMatchObject({
      customNotifTypeId: typeId,
      typeDeveloperName: 'Pulse_Alert',
      recipientIds: [rep.Id],
      title: 'Deal won: Acme',
      body: 'Acme closed at $120,000.',
      targetId: opportunityId,
    });
    const listed = async (query: string) =>
      (
        (await (await fetch(`${org.emulator.url}/emulator/notifications?${query}`)).json()) as {
          notifications: unknown[];
        }
      ).notifications;
    expect(await listed(`recipientId=${rep.Id}`)).toHaveLength(2);
    expect(await listed('recipientId=005000000000000AAA')).toHaveLength(0);
  });

  it('answers 400 with a result per input when an input fails; the good ones are still sent', async () => {
    const { status, results } = await post({
      inputs: [input(), input({ title: undefined }), input({ customNotifTypeId: '0ML000000000000AAA' })],
    });
    expect(status).toBe(400);
    expect(results).toEqual([
      expect.objectContaining({ isSuccess: true }),
      {
        actionName: 'customNotificationAction',
        isSuccess: false,
        outputValues: null,
        errors: [
          {
            statusCode: 'REQUIRED_FIELD_MISSING',
            message: 'Missing required input parameter: title',
            fields: ['title'],
          },
        ],
      },
      expect.objectContaining({
        isSuccess: false,
        errors: [expect.objectContaining({ statusCode: 'INVALID_ID_FIELD' })],
      }),
    ]);
    expect(org.emulator.notifications.list()).toHaveLength(1);
  });

  it.each([
    ['no recipients', { recipientIds: [] }, 'REQUIRED_FIELD_MISSING'],
    ['no target', { targetId: undefined }, 'REQUIRED_FIELD_MISSING'],
    ['a title over 250 characters', { title: 'x'.repeat(251) }, 'STRING_TOO_LONG'],
    ['a body over 750 characters', { body: 'x'.repeat(751) }, 'STRING_TOO_LONG'],
    ['a recipient that is not a user', { recipientIds: ['001000000000000AAA'] }, 'INVALID_ID_FIELD'],
    ['a malformed target', { targetId: 'nope' }, 'INVALID_ID_FIELD'],
  ])('refuses an input with %s', async (_name, extra, statusCode) => {
    const { status, results } = await post({ inputs: [input(extra)] });
    expect(status).toBe(400);
    expect((results as Result[])[0].errors?.[0].statusCode).toBe(statusCode);
    expect(org.emulator.notifications.list()).toHaveLength(0);
  });

  it('accepts a targetPageRef instead of a targetId, and the dummy target id', async () => {
    const pageRef = JSON.stringify({ type: 'standard__namedPage', attributes: { pageName: 'home' } });
    expect((await post({ inputs: [input({ targetId: undefined, targetPageRef: pageRef })] })).status).toBe(200);
    expect((await post({ inputs: [input({ targetId: '000000000000000AAA' })] })).status).toBe(200);
    expect(org.emulator.notifications.list().map((n) => n.targetPageRef ?? n.targetId)).toEqual([
      pageRef,
      '000000000000000AAA',
    ]);
  });

  it('skips inactive recipients, as Salesforce sends only to active users', async () => {
    const inactive = [...org.emulator.store.scan('User')].find((u) => u.Id !== rep.Id && u.UserRoleId)!;
    org.emulator.store.writeSilently('User', inactive.Id, { IsActive: false });
    try {
      expect((await post({ inputs: [input({ recipientIds: [rep.Id, inactive.Id] })] })).status).toBe(200);
      expect(org.emulator.notifications.list()[0].recipientIds).toEqual([rep.Id]);
    } finally {
      org.emulator.store.writeSilently('User', inactive.Id, { IsActive: true });
    }
  });

  it('refuses a body without inputs in the REST error shape, and requests without a session with 401', async () => {
    const { status, results } = await post({ input: [] });
    expect(status).toBe(400);
    expect(results).toEqual([{ errorCode: 'JSON_PARSER_ERROR', message: 'inputs is required: a list of inputs' }]);
    const anonymous = await fetch(`${org.emulator.url}/services/data/v66.0${ACTION}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: [input()] }),
    });
    expect(anonymous.status).toBe(401);
  });

  it('describes the action on GET, and DELETE /emulator/notifications empties the log', async () => {
    const describe = await conn.request<{ name: string; inputs: { name: string; required: boolean }[] }>(ACTION);
    expect(describe.name).toBe('customNotificationAction');
    expect(describe.inputs.filter((i) => i.required).map((i) => i.name)).toEqual([
      'customNotifTypeId',
      'recipientIds',
      'title',
      'body',
    ]);
    await post({ inputs: [input()] });
    expect((await fetch(`${org.emulator.url}/emulator/notifications`, { method: 'DELETE' })).status).toBe(204);
    expect(org.emulator.notifications.list()).toHaveLength(0);
  });
});
