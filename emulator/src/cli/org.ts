// `npm run org -- <command>`: changes the running emulated org through its REST API, exactly as a
// user editing records in Salesforce would, so every change emits its Change Data Capture event;
// and injects faults through the emulator's control API.
import { FAULT_USAGE, runFaultCommand } from './faultCommands.ts';

const USAGE = `Usage: npm run org -- <command>
  list                            open opportunities: Id, stage, amount, name
  update <Id> <Field=Value>...    update an opportunity (e.g. StageName="Closed Won" Amount=50000)
  advance [<Id>]                  move an opportunity to its next stage (a random open one by default)
  create <Name> <Amount> [Stage]  create an opportunity closing in 30 days
  delete <Id>                     delete an opportunity
${FAULT_USAGE}
Environment: EMULATOR_URL (default http://127.0.0.1:4100), ORG_USERNAME (default integration@pulse.demo)`;

const base = (process.env.EMULATOR_URL ?? 'http://127.0.0.1:4100').replace(/\/+$/, '');
const data = `${base}/services/data/v66.0`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function call(path: string, init: RequestInit & { token?: string } = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
    });
  } catch {
    fail(`Cannot reach the emulator at ${base}: is \`npm start\` running? (set EMULATOR_URL otherwise)`);
  }
  const body = response.status === 204 ? undefined : await response.json();
  if (!response.ok) fail(`${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/** "50000" -> 50000, "true" -> true, "null" -> null, anything else stays text. */
function parseValue(text: string): unknown {
  if (text === 'null') return null;
  if (text === 'true' || text === 'false') return text === 'true';
  return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
}

/** Field=Value arguments as a record of values. */
function assignments(list: string[]): Record<string, unknown> {
  return Object.fromEntries(
    list.map((a) => {
      const at = a.indexOf('=');
      if (at < 1) fail(`Expected Field=Value, got "${a}"`);
      return [a.slice(0, at), parseValue(a.slice(at + 1))];
    }),
  );
}

const [command, ...args] = process.argv.slice(2);
if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
  console.log(USAGE);
  process.exit(0);
}
const faultAnswer = await runFaultCommand(
  command,
  args,
  (path, init) => call(`${base}/emulator/${path}`, init),
  assignments,
);
if (faultAnswer !== undefined) {
  console.log(JSON.stringify(faultAnswer, null, 2));
  process.exit(0);
}
const { accessToken: token } = (await call(`${base}/emulator/session`, {
  method: 'POST',
  body: JSON.stringify({ username: process.env.ORG_USERNAME ?? 'integration@pulse.demo' }),
})) as { accessToken: string };
const query = async (soql: string) =>
  ((await call(`${data}/query?q=${encodeURIComponent(soql)}`, { token })) as { records: Record<string, unknown>[] })
    .records;
const update = (id: string, values: Record<string, unknown>) =>
  call(`${data}/sobjects/Opportunity/${id}`, { method: 'PATCH', token, body: JSON.stringify(values) });

switch (command) {
  case 'list': {
    const rows = await query(
      'SELECT Id, StageName, Amount, Name FROM Opportunity WHERE IsClosed = false ORDER BY StageName, Amount DESC',
    );
    for (const r of rows)
      console.log(`${r.Id}  ${String(r.StageName).padEnd(22)} ${String(r.Amount).padStart(9)}  ${r.Name}`);
    break;
  }
  case 'update': {
    const [id, ...fields] = args;
    if (!id || fields.length === 0) fail(USAGE);
    const values = assignments(fields);
    await update(id, values);
    console.log(`Updated ${id}: ${JSON.stringify(values)}`);
    break;
  }
  case 'advance': {
    const stages = (await query('SELECT ApiName FROM OpportunityStage WHERE IsActive = true ORDER BY SortOrder')).map(
      (s) => String(s.ApiName),
    );
    const open = await query(
      `SELECT Id, Name, StageName FROM Opportunity WHERE IsClosed = false${args[0] ? ` AND Id = '${args[0].replace(/\W/g, '')}'` : ''}`,
    );
    if (open.length === 0) fail(args[0] ? `No open opportunity ${args[0]}` : 'No open opportunity left');
    const deal = open[Math.floor(Math.random() * open.length)];
    const next = stages[stages.indexOf(String(deal.StageName)) + 1] ?? 'Closed Won';
    await update(String(deal.Id), { StageName: next });
    console.log(`${deal.Name}: ${deal.StageName} -> ${next}`);
    break;
  }
  case 'create': {
    const [name, amount, stage = 'Prospecting'] = args;
    if (!name || !Number.isFinite(Number(amount))) fail(USAGE);
    const closeDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const created = (await call(`${data}/sobjects/Opportunity`, {
      method: 'POST',
      token,
      body: JSON.stringify({ Name: name, Amount: Number(amount), StageName: stage, CloseDate: closeDate }),
    })) as { id: string };
    console.log(`Created ${created.id}`);
    break;
  }
  case 'delete': {
    if (!args[0]) fail(USAGE);
    await call(`${data}/sobjects/Opportunity/${args[0]}`, { method: 'DELETE', token });
    console.log(`Deleted ${args[0]}`);
    break;
  }
  default:
    fail(USAGE);
}
