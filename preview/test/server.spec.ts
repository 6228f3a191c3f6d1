import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPreviewServer } from '../src/server.ts';
import type { PreviewServer } from '../src/server.ts';

/** A stand-in backend that records what reached it. */
async function startBackend() {
  const seen: { url?: string; authorization?: string; cookie?: string }[] = [];
  let eventsClosed = false;
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url, authorization: req.headers.authorization, cookie: req.headers.cookie });
    if (req.url === '/api/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: change\ndata: {"entities":["Opportunity"],"at":"2026-11-24T10:04:00.000Z"}\n\n');
      req.on('close', () => {
        eventsClosed = true;
      });
      return; // never ends, like the real stream
    }
    const status = req.url?.startsWith('/api/pipeline/') ? 200 : 404;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(status === 200 ? { totals: { amount: 1, count: 1 } } : { message: 'No such route' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    eventsClosed: () => eventsClosed,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
};

describe('startPreviewServer', () => {
  let backend: Awaited<ReturnType<typeof startBackend>>;
  let preview: PreviewServer;

  beforeEach(async () => {
    backend = await startBackend();
    preview = await startPreviewServer({
      port: 0,
      backendUrl: backend.url,
      authorization: async () => 'Bearer preview-token',
    });
  });

  afterEach(async () => {
    await preview.close();
    await backend.close();
  });

  it('proxies /api/* with the Authorization header and without the page cookies', async () => {
    const response = await fetch(`${preview.url}/api/pipeline/by-stage?includeClosed=false`, {
      headers: { cookie: 'session=page', authorization: 'Bearer from-browser' },
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ totals: { amount: 1, count: 1 } });
    expect(backend.seen).toEqual([
      { url: '/api/pipeline/by-stage?includeClosed=false', authorization: 'Bearer preview-token', cookie: undefined },
    ]);
  });

  it('passes the backend status and body back', async () => {
    const response = await fetch(`${preview.url}/api/nothing`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'No such route' });
  });

  it('streams Server-Sent Events as they come and ends the backend stream when the page leaves', async () => {
    const response = await fetch(`${preview.url}/api/events`);
    const reader = response.body!.getReader();

    const { value } = await reader.read();
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(new TextDecoder().decode(value)).toContain('event: change\ndata: {"entities":["Opportunity"]');

    await reader.cancel();
    await waitFor(backend.eventsClosed);
  });

  it('answers 502 when no token can be had', async () => {
    await preview.close();
    preview = await startPreviewServer({
      port: 0,
      backendUrl: backend.url,
      authorization: () => Promise.reject(new Error('emulator down')),
    });

    const response = await fetch(`${preview.url}/api/pipeline/by-stage`);

    expect(response.status).toBe(502);
    expect(((await response.json()) as { message: string }).message).toContain('emulator down');
    expect(backend.seen).toEqual([]);
  });

  it('answers 502 when the backend is down', async () => {
    await backend.close();

    const response = await fetch(`${preview.url}/api/pipeline/by-stage`);

    expect(response.status).toBe(502);
    expect(((await response.json()) as { message: string }).message).toMatch(/^The backend could not be reached/);
    backend = await startBackend(); // for afterEach
  });

  it('serves SLDS and refuses paths that leave its folders', async () => {
    const css = await fetch(`${preview.url}/assets/styles/salesforce-lightning-design-system.min.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    await css.arrayBuffer();

    expect((await fetch(`${preview.url}/assets/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('closes while an event stream is open', async () => {
    const response = await fetch(`${preview.url}/api/events`);
    await response.body!.getReader().read();

    await expect(preview.close()).resolves.toBeUndefined();
    preview = await startPreviewServer({ port: 0, backendUrl: backend.url, authorization: async () => '' });
  });
});
