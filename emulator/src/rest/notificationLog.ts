// What the emulated org's custom notifications reached: the bell a real org would ring, kept in
// memory for tests and the preview (GET /emulator/notifications; DELETE empties it).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isSalesforceId, to18 } from '../org/ids.ts';

export interface SentNotification {
  /** The emulator's own sequence number (Salesforce exposes no id for a sent notification). */
  id: number;
  sentAt: string;
  /** The session user who called the action (the sender unless senderId says otherwise). */
  sentBy: string;
  customNotifTypeId: string;
  typeDeveloperName: string;
  /** The active users it reached (inactive recipients are skipped, as Salesforce does). */
  recipientIds: string[];
  senderId: string | null;
  title: string;
  body: string;
  targetId: string | null;
  targetPageRef: string | null;
}

/** Every notification sent since the emulator started (or since clear()). */
export class NotificationLog {
  private readonly sent: SentNotification[] = [];
  private next = 1;

  record(notification: Omit<SentNotification, 'id'>): SentNotification {
    const entry = { id: this.next++, ...notification };
    this.sent.push(entry);
    return entry;
  }

  list(recipientId?: string): SentNotification[] {
    const id = recipientId && isSalesforceId(recipientId) ? to18(recipientId) : recipientId;
    return id ? this.sent.filter((n) => n.recipientIds.includes(id)) : [...this.sent];
  }

  clear(): void {
    this.sent.length = 0;
  }
}

/** Dev control: what was sent, optionally to one recipient; DELETE empties the log. */
export function registerNotificationControl(app: FastifyInstance, log: NotificationLog): void {
  app.get('/emulator/notifications', async (request: FastifyRequest<{ Querystring: { recipientId?: string } }>) => ({
    notifications: log.list(request.query.recipientId),
  }));
  app.delete('/emulator/notifications', async (_request, reply) => {
    log.clear();
    return reply.code(204).send();
  });
}
