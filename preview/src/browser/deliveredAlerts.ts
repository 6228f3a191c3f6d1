// The preview's "Delivered alerts" panel: what Pulse sent in the demo, side by side — e-mail the
// local SMTP capture received and Salesforce notifications the emulated org recorded. Plain DOM
// (a preview tool, not a Salesforce component), refreshed every few seconds.

interface Mail {
  id: number;
  receivedAt: string;
  to: string[];
  subject: string;
  text: string;
  digest: boolean;
}

interface Notification {
  id: number;
  sentAt: string;
  recipientIds: string[];
  title: string;
  body: string;
}

const REFRESH_MS = 5_000;
const SHOWN = 20;

function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function time(iso: string): string {
  return new Date(iso).toLocaleTimeString();
}

function item(heading: string, meta: string, body: string): HTMLElement {
  const li = element('li', 'slds-item');
  li.append(element('p', 'slds-text-title_bold', heading), element('p', 'slds-text-body_small', meta));
  const text = element('p', 'slds-text-body_regular');
  text.style.whiteSpace = 'pre-line';
  text.textContent = body;
  li.append(text);
  return li;
}

function column(title: string, items: HTMLElement[], empty: string): HTMLElement {
  const col = element('div', 'slds-col slds-size_1-of-1 slds-medium-size_1-of-2');
  col.append(element('h3', 'slds-text-heading_small slds-var-m-bottom_x-small', title));
  const list = element('ul', 'slds-has-dividers_bottom-space');
  if (items.length === 0) list.append(element('li', 'slds-item slds-text-color_weak', empty));
  else list.append(...items);
  col.append(list);
  return col;
}

async function read<T>(path: string): Promise<T | undefined> {
  try {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    return response.ok ? ((await response.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}

async function render(body: HTMLElement): Promise<void> {
  const [mail, bell] = await Promise.all([
    read<{ capturing: boolean; smtpPort: number | null; mails: Mail[] }>('/preview/mails'),
    read<{ available: boolean; notifications: Notification[] }>('/preview/notifications'),
  ]);
  const mails = (mail?.mails ?? [])
    .slice(0, SHOWN)
    .map((m) =>
      item(m.subject, `${time(m.receivedAt)} · to ${m.to.join(', ')}${m.digest ? ' · daily digest' : ''}`, m.text),
    );
  const notes = (bell?.notifications ?? [])
    .slice(0, SHOWN)
    .map((n) => item(n.title, `${time(n.sentAt)} · to ${n.recipientIds.join(', ')}`, n.body));
  const mailNote = mail?.capturing ? `E-mail (captured on SMTP port ${mail.smtpPort})` : 'E-mail (no capture running)';
  body.replaceChildren(
    column(mailNote, mails, 'No e-mail yet.'),
    column('Salesforce notifications', notes, bell?.available === false ? 'Not an emulated org.' : 'None yet.'),
  );
}

/** Mounts the panel into `container` and keeps it current. */
export function mountDeliveredAlerts(container: HTMLElement): void {
  const card = element('article', 'slds-card');
  const header = element('div', 'slds-card__header');
  header.append(element('h2', 'slds-card__header-title', 'Delivered alerts'));
  const body = element('div', 'slds-card__body slds-card__body_inner slds-grid slds-wrap slds-gutters_small');
  card.append(header, body);
  container.append(card);
  const refresh = () => void render(body).finally(() => setTimeout(refresh, REFRESH_MS));
  refresh();
}
