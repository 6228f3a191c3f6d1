// Streams a (possibly gzipped) text file line by line with bounded memory: one chunk and one
// partial line at a time, whatever the file's size.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

async function startsWithGzipMagic(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Calls `onLine` for each line (without its newline), numbered from 1. A final line without a
 * newline counts too. Errors of the stream (a corrupt gzip member) reject with the cause.
 */
export async function forEachLine(file: string, onLine: (text: string, line: number) => void): Promise<number> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  let stream: Readable = raw;
  if (await startsWithGzipMagic(file)) {
    stream = raw.pipe(createGunzip());
    raw.on('error', (error) => stream.destroy(error));
  }
  stream.setEncoding('utf8');
  let line = 0;
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      onLine(text.slice(start, end), ++line);
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') onLine(rest, ++line);
  return line;
}
