// The demo's mail server: a local SMTP server (smtp-server) the backend sends alert e-mail to
// (PULSE_SMTP_URL=smtp://127.0.0.1:2525), keeping the latest messages for the preview page.
// Nothing leaves the machine; no authentication, no TLS: it listens on the loopback interface.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMail } from './mime.ts';

export interface CapturedMail {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The outbox rows the message carries (X-Pulse-Alert-Id, or a digest's X-Pulse-Alert-Ids). */
  alertIds: number[];
  digest: boolean;
}

export interface MailCapture {
  port: number;
  /** Newest first. */
  mails(): CapturedMail[];
  close(): Promise<void>;
}

const KEPT = 100;
const MAX_MESSAGE_BYTES = 1_000_000;

export async function startMailCapture(options: { port: number; host?: string }): Promise<MailCapture> {
  const kept: CapturedMail[] = [];
  let next = 1;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded)
          return callback(Object.assign(new Error('552 Message too large'), { responseCode: 552 }));
        const mail = parseMail(Buffer.concat(chunks).toString('utf8'));
        const ids = mail.headers['x-pulse-alert-ids'] ?? mail.headers['x-pulse-alert-id'] ?? '';
        kept.unshift({
          id: next++,
          receivedAt: new Date().toISOString(),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: mail.subject,
          text: mail.text,
          alertIds: ids.split(',').filter(Boolean).map(Number),
          digest: 'x-pulse-digest-id' in mail.headers,
        });
        kept.length = Math.min(kept.length, KEPT);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    mails: () => [...kept],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
