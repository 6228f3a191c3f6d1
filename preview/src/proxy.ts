// Forwards /api/* to the backend with the preview user's Authorization header, streaming both ways
// so the long-lived /api/events Server-Sent Events stream arrives event by event.
import http from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

// Hop-by-hop headers, and what belongs to the preview page rather than to the backend.
const DROPPED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'cookie',
  'authorization',
]);

function keep(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !DROPPED.has(name)));
}

function sendError(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ statusCode: status, message }));
}

export async function proxy(
  req: IncomingMessage,
  res: ServerResponse,
  backend: URL,
  authorization: () => Promise<string>,
): Promise<void> {
  let credentials: string;
  try {
    credentials = await authorization();
  } catch (error) {
    sendError(res, 502, `The preview could not get a token for the backend: ${(error as Error).message}`);
    return;
  }
  // Keep any base path of backendUrl (http://host/base + /api/...).
  const target = new URL(backend.pathname.replace(/\/$/, '') + req.url, backend);
  const upstream = http.request(target, {
    method: req.method,
    headers: { ...keep(req.headers), authorization: credentials },
  });
  upstream.on('response', (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, keep(answer.headers));
    // Send the headers now: an event stream may not write a byte for a while.
    res.flushHeaders();
    answer.pipe(res);
  });
  upstream.on('error', (error) => sendError(res, 502, `The backend could not be reached: ${error.message}`));
  // The browser left (page closed, EventSource closed): end the backend request too.
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}
