// The product as a user starts it: `npm start`'s own script (emulator, backend with embedded
// PostgreSQL, preview), the page in a real Chromium, a change made in the org arriving live.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Pipeline {
  stages: { stageName: string; amount: number; count: number }[];
}
interface DrawnChart {
  labels: string[];
  amounts: number[];
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Starts scripts/start.ts and resolves with the page URL it prints once everything is ready. */
function startPulse(env: Record<string, string>): {
  process: ChildProcess;
  url: Promise<string>;
  output: () => string;
} {
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  let output = '';
  const url = new Promise<string>((found, failed) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Pulse is running: (\S+)/.exec(output);
      if (match) found(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => failed(new Error(`npm start exited (${code}) before it was ready:\n${output}`)));
  });
  return { process: child, url, output: () => output };
}

/** What the chart draws, read from Chart.js itself. */
const drawnChart = (page: Page) =>
  page.evaluate(() => {
    const { Chart } = globalThis as unknown as {
      Chart: { instances: Record<string, { data: { labels: string[]; datasets: { data: number[] }[] } }> };
    };
    const [chart] = Object.values(Chart.instances);
    return { labels: chart.data.labels, amounts: chart.data.datasets[0].data } as DrawnChart;
  });

/** What the API answers, through the page's own origin (the preview adds the user's token). */
const apiAnswer = (page: Page) =>
  page.evaluate(() => fetch('/api/pipeline/by-stage?includeClosed=false').then((r) => r.json())) as Promise<Pipeline>;

describe('Pulse preview, started like `npm start`', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pulse-e2e-'));
  let pulse: ReturnType<typeof startPulse>;
  let ports: { emulator: number; backend: number; preview: number; smtp: number };
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    chmodSync(dataDir, 0o755); // the embedded PostgreSQL may run as another user
    ports = {
      emulator: await freePort(),
      backend: await freePort(),
      preview: await freePort(),
      smtp: await freePort(),
    };
    pulse = startPulse({
      PULSE_DATA_DIR: dataDir,
      EMULATOR_PORT: String(ports.emulator),
      PORT: String(ports.backend),
      PREVIEW_PORT: String(ports.preview),
      PREVIEW_SMTP_PORT: String(ports.smtp),
      EMULATOR_TRAFFIC: '0', // the test makes its own changes and compares exact numbers
    });
    const url = await pulse.url;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage();
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(url);
    await page.waitForFunction(() => {
      const chart = (
        globalThis as unknown as { Chart?: { instances: Record<string, { data: { labels: unknown[] } }> } }
      ).Chart;
      return chart && Object.values(chart.instances).some((c) => c.data.labels.length > 0);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (pulse?.process.exitCode === null) pulse.process.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('draws exactly what the API answers', async () => {
    const pipeline = await apiAnswer(page);
    expect(pipeline.stages.length).toBeGreaterThan(0);
    expect(await drawnChart(page)).toEqual({
      labels: pipeline.stages.map((s) => s.stageName),
      amounts: pipeline.stages.map((s) => s.amount),
    });
    expect(await page.getByRole('heading', { name: 'Pipeline by Stage' }).isVisible()).toBe(true);
  });

  it('shows a change made in the org without a reload', async () => {
    const emulator = `http://127.0.0.1:${ports.emulator}`;
    const session = await fetch(`${emulator}/emulator/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'integration@pulse.demo' }),
    }).then((r) => r.json() as Promise<{ accessToken: string }>);
    const soql = encodeURIComponent("SELECT Id, Amount FROM Opportunity WHERE StageName = 'Prospecting' LIMIT 1");
    const headers = { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' };
    const {
      records: [deal],
    } = await fetch(`${emulator}/services/data/v66.0/query?q=${soql}`, { headers }).then(
      (r) => r.json() as Promise<{ records: { Id: string; Amount: number }[] }>,
    );
    const before = await drawnChart(page);
    const prospecting = before.labels.indexOf('Prospecting');

    const patched = await fetch(`${emulator}/services/data/v66.0/sobjects/Opportunity/${deal.Id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ Amount: deal.Amount + 250_000 }),
    });
    expect(patched.status).toBe(204);

    const expected = before.amounts[prospecting] + 250_000;
    await page.waitForFunction(
      ([index, amount]) => {
        const { Chart } = globalThis as unknown as {
          Chart: { instances: Record<string, { data: { datasets: { data: number[] }[] } }> };
        };
        return Object.values(Chart.instances)[0].data.datasets[0].data[index] === amount;
      },
      [prospecting, expected],
      { timeout: 10_000 },
    );
    const pipeline = await apiAnswer(page);
    expect((await drawnChart(page)).amounts).toEqual(pipeline.stages.map((s) => s.amount));
  });

  it('shows the delivered alerts panel, fed by the local mail capture', async () => {
    await page.getByRole('heading', { name: 'Delivered alerts' }).waitFor();
    await page.getByText(`E-mail (captured on SMTP port ${ports.smtp})`).waitFor();
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('stops everything cleanly on Ctrl-C', async () => {
    const exited = new Promise<number | null>((done) => pulse.process.once('exit', (code) => done(code)));
    pulse.process.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const port of [ports.emulator, ports.backend, ports.preview]) {
      await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    }
  }, 30_000);
});
