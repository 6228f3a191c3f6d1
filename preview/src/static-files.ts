// Serves files from a few fixed folders, refusing anything that resolves outside them.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** The file under root that urlPath names, or undefined when it would escape root. */
export function fileUnder(root: string, urlPath: string): string | undefined {
  const file = path.join(root, decodeURIComponent(urlPath));
  return file === root || file.startsWith(root + path.sep) ? file : undefined;
}

/** Streams file to res; false when there is no such file. */
export async function sendFile(res: ServerResponse, file: string, method = 'GET'): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return false;
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    // A preview is rebuilt often: always revalidate.
    'cache-control': 'no-cache',
  });
  if (method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}
