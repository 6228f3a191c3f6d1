// Alerts go into alert_outbox in the caller's transaction (for stream rules: the transaction that
// applies the change and its replayId), so an alert exists exactly when its change is applied.
// dedup_key makes a second evaluation of the same change (a replay) insert nothing.
import type { EntityManager } from 'typeorm';
import type { RuleKind } from '../rule-kinds';

export interface OutboxAlert {
  /** Rule, subscription, record and the change's identity (or the day, for scheduled rules). */
  dedupKey: string;
  userId: string;
  subscriptionId: number;
  ruleKind: RuleKind;
  sobject: string | null;
  recordId: string | null;
  title: string;
  body: string;
  /** The record in Salesforce. */
  link: string | null;
  payload: Record<string, unknown>;
}

/** Wakes a delivery worker that LISTENs (it also polls: the notification is only a hint). */
export const OUTBOX_CHANNEL = 'alert_outbox';

/** Inserts the alerts not inserted before; returns the rule kind of each new one. */
export async function writeOutbox(tx: EntityManager, alerts: readonly OutboxAlert[]): Promise<RuleKind[]> {
  if (alerts.length === 0) return [];
  const rows = alerts.map((a) => ({
    dedup_key: a.dedupKey,
    user_id: a.userId,
    subscription_id: a.subscriptionId,
    rule_kind: a.ruleKind,
    sobject: a.sobject,
    record_id: a.recordId,
    title: a.title,
    body: a.body,
    link: a.link,
    payload: a.payload,
  }));
  // Joined with the live subscriptions: one deleted or paused meanwhile (through another instance,
  // whose change the rules' cache may not have seen yet) receives nothing.
  const inserted: { rule_kind: RuleKind }[] = await tx.query(
    `INSERT INTO alert_outbox (dedup_key, user_id, subscription_id, rule_kind, sobject, record_id, title, body, link, payload)
     SELECT r.dedup_key, r.user_id, r.subscription_id, r.rule_kind, r.sobject, r.record_id, r.title, r.body, r.link, r.payload
       FROM jsonb_to_recordset($1::jsonb) AS r(dedup_key text, user_id varchar(18), subscription_id bigint,
              rule_kind text, sobject text, record_id varchar(18), title text, body text, link text, payload jsonb)
       JOIN alert_subscription s ON s.id = r.subscription_id AND s.active AND s.user_id = r.user_id
     ON CONFLICT (dedup_key) DO NOTHING
     RETURNING rule_kind`,
    [JSON.stringify(rows)],
  );
  if (inserted.length > 0) {
    // The apply transaction commits without waiting for its WAL flush (a database crash may lose
    // it, and Salesforce replays it). An alert is different: a worker may send it before such a
    // loss, and the replay would then create and send it again. So this commit waits.
    await tx.query(`SET LOCAL synchronous_commit = on`);
    await tx.query(`SELECT pg_notify($1, $2)`, [OUTBOX_CHANNEL, String(inserted.length)]);
  }
  return inserted.map((r) => r.rule_kind);
}
