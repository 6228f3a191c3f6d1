import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { peekHeader } from './csv-header';

const chunks = (...parts: string[]) =>
  Readable.from(
    parts.map((p) => Buffer.from(p)),
    { objectMode: false },
  );

describe('peekHeader', () => {
  it('reads the header across chunks and leaves the whole stream to read', async () => {
    const body = chunks('"Id","Na', 'me"\n"001","Acme"\n', '"002","Globex"\n');
    expect(await peekHeader(body)).toEqual(['Id', 'Name']);
    expect(await text(body)).toBe('"Id","Name"\n"001","Acme"\n"002","Globex"\n');
  });

  it('says there is nothing to copy when the body ends before a row', async () => {
    expect(await peekHeader(chunks(''))).toBeNull();
    expect(await peekHeader(chunks('"Id"'))).toBeNull();
  });

  it('passes on a failing stream', async () => {
    const body = new Readable({
      read() {
        this.destroy(new Error('socket hang up'));
      },
    });
    await expect(peekHeader(body)).rejects.toThrow('socket hang up');
  });
});
