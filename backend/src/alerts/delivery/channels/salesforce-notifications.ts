// Salesforce in-app notifications (the bell, and the mobile app): the standard action
// customNotificationAction under the Pulse_Alert Custom Notification Type, many alerts per REST call.
// The type's Id differs per org: it is looked up by DeveloperName once and kept.
import { Injectable, Logger } from '@nestjs/common';
import type { Connection } from 'jsforce';
import { PulseConfig } from '../../../config/pulse-config';
import { SalesforceConnection } from '../../../salesforce/salesforce-connection.service';

export const NOTIFICATION_TYPE = 'Pulse_Alert';
const ACTION = '/actions/standard/customNotificationAction';
/** Documented caps of the action's inputs. */
const MAX_TITLE = 250;
const MAX_BODY = 750;
const INPUTS_PER_REQUEST = 50;
/** The target when an alert names no record (Salesforce's documented placeholder: no navigation). */
const NO_TARGET = '000000000000000AAA';

export interface InAppNotification {
  alertId: number;
  userId: string;
  title: string;
  body: string;
  recordId: string | null;
}

interface ActionResult {
  isSuccess: boolean;
  errors: { statusCode?: string; message?: string }[] | null;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const isRecordId = (id: string | null): id is string => id !== null && /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(id);

/** A failed request's body, when it is the per-input results (jsforce keeps it as the error message). */
function resultsOf(error: unknown, count: number): ActionResult[] | undefined {
  try {
    const parsed = JSON.parse((error as Error).message) as unknown;
    if (Array.isArray(parsed) && parsed.length === count && parsed.every((r) => typeof r?.isSuccess === 'boolean'))
      return parsed as ActionResult[];
  } catch {
    // not the results: a whole-request error
  }
  return undefined;
}

const describe = (result: ActionResult) =>
  (result.errors ?? []).map((e) => `${e.statusCode ?? 'ERROR'}: ${e.message ?? ''}`).join(', ') || 'not sent';

@Injectable()
export class SalesforceNotifications {
  private readonly logger = new Logger(SalesforceNotifications.name);
  private typeId?: string;

  constructor(
    private readonly config: PulseConfig,
    private readonly salesforce: SalesforceConnection,
  ) {}

  /** False when PULSE_SALESFORCE_NOTIFICATIONS=false. */
  get available(): boolean {
    return this.config.alertDelivery.salesforceNotifications;
  }

  /** Sends each notification; answers, per alert id, null when sent or why it was not. */
  async send(notifications: InAppNotification[]): Promise<Map<number, string | null>> {
    const outcome = new Map<number, string | null>();
    for (let i = 0; i < notifications.length; i += INPUTS_PER_REQUEST) {
      const chunk = notifications.slice(i, i + INPUTS_PER_REQUEST);
      try {
        const conn = await this.salesforce.get();
        const typeId = await this.notificationType(conn);
        const results = await this.post(conn, typeId, chunk);
        chunk.forEach((n, k) => outcome.set(n.alertId, results[k].isSuccess ? null : describe(results[k])));
        // A type deleted and deployed again has a new Id: look it up afresh next time.
        if (results.some((r) => r.errors?.some((e) => e.statusCode === 'INVALID_ID_FIELD'))) this.typeId = undefined;
      } catch (error) {
        const { errorCode, message } = error as Error & { errorCode?: string };
        for (const n of chunk) outcome.set(n.alertId, `${errorCode ?? 'ERROR'}: ${message}`.slice(0, 500));
      }
    }
    return outcome;
  }

  private async notificationType(conn: Connection): Promise<string> {
    if (this.typeId) return this.typeId;
    const { records } = await conn.query<{ Id: string }>(
      `SELECT Id FROM CustomNotificationType WHERE DeveloperName = '${NOTIFICATION_TYPE}'`,
    );
    if (records.length === 0)
      throw Object.assign(
        new Error(`the Custom Notification Type ${NOTIFICATION_TYPE} is not in the org (deploy Pulse's package)`),
        { errorCode: 'NO_NOTIFICATION_TYPE' },
      );
    this.typeId = records[0].Id;
    this.logger.log(`Salesforce notifications go out as ${NOTIFICATION_TYPE} (${this.typeId})`);
    return this.typeId;
  }

  private async post(conn: Connection, typeId: string, chunk: InAppNotification[]): Promise<ActionResult[]> {
    const inputs = chunk.map((n) => ({
      customNotifTypeId: typeId,
      recipientIds: [n.userId],
      title: clip(n.title, MAX_TITLE),
      body: clip(n.body, MAX_BODY),
      targetId: isRecordId(n.recordId) ? n.recordId : NO_TARGET,
    }));
    try {
      return await conn.requestPost<ActionResult[]>(ACTION, { inputs });
    } catch (error) {
      // A request with a failed input answers 400 with the per-input results as its body.
      const results = resultsOf(error, chunk.length);
      if (results) return results;
      throw error;
    }
  }
}
