// Reads a CSV stream's header row without consuming it: the staging table is made from the header
// (the page's own column order), then the whole stream, header included, goes to COPY.
import type { Readable } from 'node:stream';
import { parseHeader } from './staging-sql';

/** Longer than any header of field names: a stream without a newline by then is not our CSV. */
const MAX_HEADER_BYTES = 1 << 20;

/**
 * The header's column names, the bytes read put back; null when the body ends before any row
 * (empty, or a header alone without its newline): there is nothing to copy.
 */
export function peekHeader(body: Readable): Promise<string[] | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error: Error | null, header: string[] | null, ended = false) => {
      body.off('readable', onReadable);
      body.off('end', onEnd);
      body.off('error', onError);
      if (chunks.length > 0 && !ended) body.unshift(Buffer.concat(chunks));
      if (error) reject(error);
      else resolve(header);
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while ((chunk = body.read() as Buffer | null) !== null) {
        chunks.push(chunk);
        size += chunk.length;
        const end = Buffer.concat(chunks).indexOf(10);
        if (end >= 0) return done(null, parseHeader(Buffer.concat(chunks).subarray(0, end).toString('utf8')));
        if (size > MAX_HEADER_BYTES) return done(new Error('Bulk API results have no header row'), null);
      }
    };
    const onEnd = () => done(null, null, true);
    const onError = (error: Error) => done(error, null);
    body.on('readable', onReadable);
    body.once('end', onEnd);
    body.once('error', onError);
  });
}
