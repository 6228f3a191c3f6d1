// `npm run bench:live`: how long a change made in the org takes to reach the open page.
// Starts the product as `npm start` does (on free ports, in a throwaway data directory), opens the
// preview in Chromium, then times each change twice: until the API answers with it (the mirror's
// latency, the baseline) and until the chart draws it (what a user sees). Prints JSON.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values } = parseArgs({ options: { changes: { type: 'string', default: '20' } } });
const changes = Number(values.changes);
if (!Number.isInteger(changes) || changes < 1 || changes > 1000) {
  console.error(`--changes must be an integer from 1 to 1000, got "${values.changes}"`);
  process.exit(2);
}

const root = resolve(import.meta.dirname, '..');
const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

const dataDir = mkdtempSync(join(tmpdir(), 'pulse-bench-'));
chmodSync(dataDir, 0o755);
const [emulatorPort, backendPort, previewPort] = [await freePort(), await freePort(), await freePort()];
const pulse = spawn(process.execPath, [join(root, 'scripts/start.ts')], {
  cwd: root,
  env: {
    ...process.env,
    PULSE_DATA_DIR: dataDir,
    EMULATOR_PORT: `${emulatorPort}`,
    PORT: `${backendPort}`,
    PREVIEW_PORT: `${previewPort}`,
    EMULATOR_TRAFFIC: '0', // only the benchmark's own changes, so each one is timed alone
  },
});
const url = await new Promise<string>((found, failed) => {
  let output = '';
  pulse.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
    const match = /Pulse is running: (\S+)/.exec(output);
    if (match) found(match[1]);
  });
  pulse.once('exit', () => failed(new Error(`npm start stopped:\n${output}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  type Charts = {
    Chart?: { instances: Record<string, { data: { labels: string[]; datasets: { data: number[] }[] } }> };
  };
  await page.waitForFunction(() => Object.keys((globalThis as unknown as Charts).Chart?.instances ?? {}).length > 0);

  const emulator = `http://127.0.0.1:${emulatorPort}`;
  const { accessToken } = (await (
    await fetch(`${emulator}/emulator/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":"integration@pulse.demo"}',
    })
  ).json()) as { accessToken: string };
  const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  const soql = encodeURIComponent("SELECT Id, Amount FROM Opportunity WHERE StageName = 'Prospecting' LIMIT 1");
  const { records } = (await (await fetch(`${emulator}/services/data/v66.0/query?q=${soql}`, { headers })).json()) as {
    records: { Id: string; Amount: number }[];
  };
  const deal = records[0];
  // The stage's total before any change: each change then sets an exact, known total.
  const initialTotal = await page.evaluate(() => {
    const [instance] = Object.values((globalThis as unknown as Charts).Chart!.instances);
    return instance.data.datasets[0].data[instance.data.labels.indexOf('Prospecting')];
  });

  const apiMs: number[] = [];
  const chartMs: number[] = [];
  for (let i = 1; i <= changes; i++) {
    const amount = deal.Amount + i * 1_000;
    const expectedTotal = initialTotal - deal.Amount + amount;
    const started = performance.now();
    await fetch(`${emulator}/services/data/v66.0/sobjects/Opportunity/${deal.Id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ Amount: amount }),
    });
    // Both watches run at once, so neither delays the other.
    const api = page.waitForFunction(
      async (expected) => {
        const body = (await (await fetch('/api/pipeline/by-stage')).json()) as {
          stages: { stageName: string; amount: number }[];
        };
        return body.stages.some((s) => s.stageName === 'Prospecting' && s.amount === expected);
      },
      expectedTotal,
      { polling: 10 },
    );
    const chart = page.waitForFunction(
      (expected) => {
        const [instance] = Object.values((globalThis as unknown as Charts).Chart!.instances);
        const index = instance.data.labels.indexOf('Prospecting');
        return instance.data.datasets[0].data[index] === expected;
      },
      expectedTotal,
      { polling: 'raf' },
    );
    const [apiDone, chartDone] = await Promise.all(
      [api, chart].map((watch) => watch.then(() => performance.now() - started)),
    );
    apiMs.push(apiDone);
    chartMs.push(chartDone);
    process.stderr.write(`\rchange ${i}/${changes}`);
  }
  process.stderr.write('\n');

  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
    return { p50: at(0.5), p95: at(0.95), max: Math.round(sorted.at(-1)!) };
  };
  const chart = stats(chartMs);
  const api = stats(apiMs);
  console.log(
    JSON.stringify(
      {
        benchmark: 'live',
        changes,
        changeToApiMs: api,
        changeToChartMs: chart,
        chartOverApiP50: Number((chart.p50 / api.p50).toFixed(2)),
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  pulse.kill('SIGINT');
  await new Promise((done) => pulse.once('exit', done));
  rmSync(dataDir, { recursive: true, force: true });
}
