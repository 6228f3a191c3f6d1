// Measures a Bulk API 2.0 query over many opportunities, over HTTP: seconds for the job to complete and
// for every result page to be produced and read, and the heap the finished job holds. Prints JSON.
//   node --expose-gc emulator/src/bulk/measure.ts [opportunities=100000] [maxRecords=default]
import { startTestOrg } from '../../test/support.ts';

const opportunities = Number(process.argv[2] ?? 100_000);
const maxRecords = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const SOQL =
  'SELECT Id, Name, AccountId, Account.Name, OwnerId, Owner.Name, StageName, Amount, Probability, CloseDate, ' +
  'IsClosed, IsWon, ForecastCategoryName, LastModifiedDate, SystemModstamp, IsDeleted FROM Opportunity';

const heapMB = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const seconds = (from: number) => Number(((performance.now() - from) / 1000).toFixed(3));

const org = await startTestOrg({ bulk: { queuedMs: 0, processingMs: 0 } });
const { store } = org.emulator;
// Copies of the demo's opportunities, so every row has an account and an owner to join.
const templates = [...store.scan('Opportunity')].map(({ Id: _id, ...fields }) => fields);
for (let i = 0; i < opportunities - templates.length; i++) {
  const template = templates[i % templates.length];
  store.seed('Opportunity', { ...template, Name: `${template.Name} #${i}`, Amount: 1000 + (i % 997) * 250 });
}

const token = await fetch(`${org.emulator.url}/services/oauth2/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion: org.assertion(),
  }),
}).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${org.emulator.url}/services/data/v66.0${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });

const heapBefore = heapMB();
const started = performance.now();
const job = (await (
  await api('/jobs/query', { method: 'POST', body: JSON.stringify({ operation: 'query', query: SOQL }) })
).json()) as {
  id: string;
};
while (((await (await api(`/jobs/query/${job.id}`)).json()) as { state: string }).state !== 'JobComplete') {
  await new Promise((resolve) => setTimeout(resolve, 5));
}
const jobSeconds = seconds(started);
const jobHeapMB = heapMB() - heapBefore;

const pagesStarted = performance.now();
let locator: string | null = null;
let pages = 0;
let rows = 0;
let bytes = 0;
do {
  const query = new URLSearchParams();
  if (locator) query.set('locator', locator);
  if (maxRecords) query.set('maxRecords', String(maxRecords));
  const response = await api(`/jobs/query/${job.id}/results?${query}`);
  bytes += (await response.arrayBuffer()).byteLength;
  rows += Number(response.headers.get('sforce-numberofrecords'));
  locator = response.headers.get('sforce-locator');
  pages++;
} while (locator !== 'null');
const resultSeconds = seconds(pagesStarted);

console.log(
  JSON.stringify({
    opportunities: store.count('Opportunity'),
    rows,
    pages,
    megabytes: Number((bytes / 2 ** 20).toFixed(1)),
    jobSeconds,
    resultSeconds,
    totalSeconds: seconds(started),
    jobHeapMB: Number(jobHeapMB.toFixed(1)),
  }),
);
await org.emulator.close();
