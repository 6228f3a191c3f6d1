// The preview server: the built page, SLDS, the Chart.js static resource, and /api/* proxied to the
// backend with the preview user's token, as the Apex proxy does in an org.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { deliveredAlerts, type DeliveredAlertsOptions } from './delivered-alerts.ts';
import { proxy } from './proxy.ts';
import { fileUnder, sendFile } from './static-files.ts';

export interface PreviewServerOptions extends DeliveredAlertsOptions {
  port: number;
  host?: string;
  /** The backend's origin, e.g. http://localhost:3000. */
  backendUrl: string;
  /** The Authorization header for backend calls, e.g. `Bearer <jwt>`; called per request. */
  authorization: () => Promise<string>;
  /** The preview package folder (dist/ is inside it); found from the working directory if omitted. */
  previewDir?: string;
}

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

// No import.meta here (Jest loads this file as CommonJS): find the workspace by package name.
function findPreviewDir(): string {
  const fromCwd = createRequire(pathToFileURL(path.join(process.cwd(), 'noop.js')));
  return path.dirname(fromCwd.resolve('@pulse/preview/package.json'));
}

function folders(previewDir: string) {
  const require = createRequire(pathToFileURL(path.join(previewDir, 'package.json')));
  return {
    dist: path.join(previewDir, 'dist'),
    slds: path.join(path.dirname(require.resolve('@salesforce-ux/design-system/package.json')), 'assets'),
    chartJs: path.resolve(previewDir, '../force-app/main/default/staticresources/chartjs.js'),
  };
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const { dist, slds, chartJs } = folders(options.previewDir ?? findPreviewDir());
  const backend = new URL(options.backendUrl);

  async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
    const file =
      pathname === '/resource/chartjs'
        ? chartJs
        : pathname.startsWith('/assets/')
          ? fileUnder(slds, pathname.slice('/assets'.length))
          : fileUnder(dist, pathname === '/' ? '/index.html' : pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (!file || !(await sendFile(res, file, req.method))) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  }

  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://preview');
    const handled = pathname.startsWith('/api/')
      ? proxy(req, res, backend, options.authorization)
      : pathname.startsWith('/preview/')
        ? deliveredAlerts(req, res, pathname, options)
        : serveStatic(req, res, pathname);
    handled.catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(error.message);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? 'localhost', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Event streams never end on their own.
        server.closeAllConnections();
      }),
  };
}
