// What an alert e-mail and a daily digest say: plain text, and the same as simple HTML (escaped:
// titles and bodies carry record names people typed). Headers name the outbox rows, for tracing.
import type { EmailMessage } from './email-channel';

export interface AlertContent {
  id: number;
  title: string;
  body: string;
  link: string | null;
}

const FOOTER = 'Sent by Pulse. Change what you receive, quiet hours and the daily digest in Pulse’s alert settings.';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Only http(s) links become anchors. */
const safeLink = (link: string | null) => (link && /^https?:\/\//i.test(link) ? link : null);

const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

function htmlOf(alert: AlertContent): string {
  const link = safeLink(alert.link);
  return (
    `<h3 style="margin:0 0 4px">${escape(alert.title)}</h3>` +
    `<p style="margin:0 0 8px">${escape(alert.body).replace(/\n/g, '<br>')}</p>` +
    (link ? `<p style="margin:0 0 16px"><a href="${escape(link)}">Open in Salesforce</a></p>` : '')
  );
}

function textOf(alert: AlertContent): string {
  const link = safeLink(alert.link);
  return `${alert.title}\n${alert.body}\n${link ? `Open in Salesforce: ${link}\n` : ''}`;
}

export function alertEmail(to: string, alert: AlertContent): EmailMessage {
  return {
    to,
    subject: `[Pulse] ${oneLine(alert.title)}`,
    text: `${textOf(alert)}\n--\n${FOOTER}\n`,
    html: `${htmlOf(alert)}<hr><p style="color:#706e6b;font-size:12px">${escape(FOOTER)}</p>`,
    headers: { 'X-Pulse-Alert-Id': String(alert.id) },
  };
}

export function digestEmail(to: string, digestId: number, localDate: string, alerts: AlertContent[]): EmailMessage {
  const count = `${alerts.length} alert${alerts.length === 1 ? '' : 's'}`;
  return {
    to,
    subject: `[Pulse] Daily digest for ${localDate}: ${count}`,
    text: `Your Pulse alerts (${count}):\n\n${alerts.map(textOf).join('\n')}\n--\n${FOOTER}\n`,
    html:
      `<p>Your Pulse alerts (${count}):</p>${alerts.map(htmlOf).join('')}` +
      `<hr><p style="color:#706e6b;font-size:12px">${escape(FOOTER)}</p>`,
    headers: { 'X-Pulse-Digest-Id': String(digestId), 'X-Pulse-Alert-Ids': alerts.map((a) => a.id).join(',') },
  };
}
