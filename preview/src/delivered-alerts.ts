// The preview's own JSON for the "delivered alerts" panel: the e-mail the local capture received
// (GET /preview/mails) and the Salesforce notifications the emulated org recorded
// (GET /preview/notifications, read from the emulator's /emulator/notifications).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MailCapture } from './mail-capture.ts';

export interface DeliveredAlertsOptions {
  mailCapture?: MailCapture;
  /** The emulator's origin; unset (a real org): no notification list. */
  emulatorUrl?: string;
}

const KEPT = 100;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function notifications(emulatorUrl: string | undefined) {
  if (!emulatorUrl) return { status: 200, body: { available: false, notifications: [] } };
  try {
    const response = await fetch(new URL('/emulator/notifications', emulatorUrl), {
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { notifications: list } = (await response.json()) as { notifications: unknown[] };
    return { status: 200, body: { available: true, notifications: list.slice(-KEPT).reverse() } };
  } catch (error) {
    return { status: 502, body: { message: `The emulator could not be read: ${(error as Error).message}` } };
  }
}

export async function deliveredAlerts(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  options: DeliveredAlertsOptions,
): Promise<void> {
  if (req.method !== 'GET') return void res.writeHead(405, { allow: 'GET' }).end();
  if (pathname === '/preview/mails') {
    const capture = options.mailCapture;
    return json(res, 200, {
      capturing: capture !== undefined,
      smtpPort: capture?.port ?? null,
      mails: capture?.mails() ?? [],
    });
  }
  if (pathname === '/preview/notifications') {
    const { status, body } = await notifications(options.emulatorUrl);
    return json(res, status, body);
  }
  json(res, 404, { message: 'Not found' });
}
