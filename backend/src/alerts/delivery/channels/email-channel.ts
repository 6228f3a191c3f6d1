// E-mail over SMTP (locally the preview's capture server, in AWS Amazon SES's SMTP endpoint), one
// connection per message with short timeouts, so a dead mail server costs a tick seconds, not minutes.
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { PulseConfig } from '../../../config/pulse-config';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** Errors that mean the server cannot be reached at all: the rest of a batch would fail the same way. */
const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS']);

export class EmailSendError extends Error {
  constructor(
    message: string,
    readonly unreachable: boolean,
  ) {
    super(message);
  }
}

/** nodemailer options from PULSE_SMTP_URL; credentials are URL-encoded in it (SES passwords hold / and +). */
export function smtpOptions(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const auth = url.username
    ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
    : undefined;
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth,
    // Credentials never travel in clear: without implicit TLS, STARTTLS is required when logging in.
    requireTLS: !secure && auth !== undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}

@Injectable()
export class EmailChannel implements OnApplicationShutdown {
  private readonly transport?: Transporter;

  constructor(private readonly config: PulseConfig) {
    const { smtpUrl } = config.alertDelivery;
    if (smtpUrl) this.transport = createTransport(smtpOptions(smtpUrl));
  }

  /** False without PULSE_SMTP_URL. */
  get available(): boolean {
    return this.transport !== undefined;
  }

  async send(message: EmailMessage): Promise<void> {
    if (!this.transport) throw new EmailSendError('e-mail is not configured (PULSE_SMTP_URL)', true);
    try {
      await this.transport.sendMail({ from: this.config.alertDelivery.from, ...message });
    } catch (error) {
      const { code, message: text } = error as Error & { code?: string };
      // nodemailer's messages carry the server's reply, never our credentials or the mail's content.
      throw new EmailSendError(text.slice(0, 500), UNREACHABLE.has(code ?? ''));
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
