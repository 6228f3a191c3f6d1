// The preview's mailbox and "delivered alerts" JSON: a real SMTP exchange (nodemailer, as the backend
// sends) into the capture, its MIME decoded; the org's notifications read from a stand-in emulator.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import { startMailCapture, type MailCapture } from '../src/mail-capture.ts';
import { decodeWords, parseMail } from '../src/mime.ts';
import { startPreviewServer, type PreviewServer } from '../src/server.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whichever JSON the route answers
const json = async (response: Response | Promise<Response>): Promise<any> => (await response).json();

async function standInEmulator(notifications: unknown[]) {
  const server = http.createServer((req, res) => {
    res.writeHead(req.url === '/emulator/notifications' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ notifications }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('delivered alerts in the preview', () => {
  let capture: MailCapture;
  let emulator: Awaited<ReturnType<typeof standInEmulator>>;
  let preview: PreviewServer;

  beforeAll(async () => {
    capture = await startMailCapture({ port: 0 });
    emulator = await standInEmulator([
      { id: 1, sentAt: '2026-11-24T10:00:00.000Z', recipientIds: ['005A'], title: 'First', body: 'one' },
      { id: 2, sentAt: '2026-11-24T10:01:00.000Z', recipientIds: ['005B'], title: 'Second', body: 'two' },
    ]);
    preview = await startPreviewServer({
      port: 0,
      backendUrl: 'http://127.0.0.1:9',
      authorization: async () => 'Bearer unused',
      mailCapture: capture,
      emulatorUrl: emulator.url,
    });
  });

  afterAll(async () => {
    await preview.close();
    await capture.close();
    await emulator.close();
  });

  it('captures an alert e-mail sent over SMTP and lists it, newest first, decoded', async () => {
    const transport = createTransport({ host: '127.0.0.1', port: capture.port, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: 'Pulse <pulse@localhost>',
      to: 'ana.souza@pulse.demo',
      subject: '[Pulse] Deal won: Société Générale — €120 000',
      text: `Société Générale closed at €120,000.\n${'A long line that quoted-printable must wrap. '.repeat(4)}\n`,
      html: '<p>Société Générale closed</p>',
      headers: { 'X-Pulse-Alert-Id': '42' },
    });
    await transport.sendMail({
      from: 'pulse@localhost',
      to: 'ben.carter@pulse.demo',
      subject: '[Pulse] Daily digest for 2026-11-24: 2 alerts',
      text: 'Your Pulse alerts (2)',
      headers: { 'X-Pulse-Digest-Id': '7', 'X-Pulse-Alert-Ids': '43,44' },
    });
    const answer = await fetch(`${preview.url}/preview/mails`);
    expect(answer.status).toBe(200);
    const { capturing, smtpPort, mails } = await json(answer);
    expect({ capturing, smtpPort }).toEqual({ capturing: true, smtpPort: capture.port });
    expect(mails.map((m: { alertIds: number[] }) => m.alertIds)).toEqual([[43, 44], [42]]);
    expect(mails[1]).toMatchObject({
      to: ['ana.souza@pulse.demo'],
      from: 'pulse@localhost',
      subject: '[Pulse] Deal won: Société Générale — €120 000',
      digest: false,
    });
    expect(mails[1].text).toContain('Société Générale closed at €120,000.');
    expect(mails[1].text).toContain('A long line that quoted-printable must wrap. '.repeat(4).trim());
    expect(mails[0].digest).toBe(true);
  });

  it('lists the org’s notifications, newest first', async () => {
    const { notifications, available } = await json(fetch(`${preview.url}/preview/notifications`));
    expect(available).toBe(true);
    expect(notifications.map((n: { title: string }) => n.title)).toEqual(['Second', 'First']);
  });

  it('says so when there is no emulator, or it cannot be reached', async () => {
    const alone = await startPreviewServer({
      port: 0,
      backendUrl: 'http://127.0.0.1:9',
      authorization: async () => '',
    });
    try {
      expect(await json(fetch(`${alone.url}/preview/notifications`))).toEqual({
        available: false,
        notifications: [],
      });
      expect(await json(fetch(`${alone.url}/preview/mails`))).toEqual({
        capturing: false,
        smtpPort: null,
        mails: [],
      });
    } finally {
      await alone.close();
    }
    const unreachable = await startPreviewServer({
      port: 0,
      backendUrl: 'http://127.0.0.1:9',
      authorization: async () => '',
      emulatorUrl: 'http://127.0.0.1:9',
    });
    try {
      const answer = await fetch(`${unreachable.url}/preview/notifications`);
      expect(answer.status).toBe(502);
      expect((await json(answer)).message).toMatch(/^The emulator could not be read/);
    } finally {
      await unreachable.close();
    }
  });

  it('decodes MIME: encoded words, base64 and nested multipart', () => {
    expect(decodeWords('=?UTF-8?B?w6l0w6k=?= =?UTF-8?Q?_=C3=A0_Paris?=')).toBe('été à Paris');
    const raw = [
      'Subject: =?UTF-8?Q?Caf=C3=A9?=',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: multipart/alternative; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('Crème brûlée').toString('base64'),
      '--inner--',
      '--outer--',
      '',
    ].join('\r\n');
    expect(parseMail(raw)).toMatchObject({ subject: 'Café', text: 'Crème brûlée' });
  });
});
