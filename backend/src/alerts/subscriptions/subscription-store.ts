import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AlertParams, RuleKind, Scope } from '../rule-kinds';
import { subscriptionOf, SUBSCRIPTION_COLUMNS, type Subscription, type SubscriptionRow } from './subscription';

/** alert_subscription in SQL; every read and write by a user is limited to their own rows. */
@Injectable()
export class SubscriptionStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(userId: string): Promise<Subscription[]> {
    const rows: SubscriptionRow[] = await this.db.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM alert_subscription WHERE user_id = $1 ORDER BY id`,
      [userId],
    );
    return rows.map(subscriptionOf);
  }

  async get(userId: string, id: number): Promise<Subscription | undefined> {
    const rows: SubscriptionRow[] = await this.db.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM alert_subscription WHERE user_id = $1 AND id = $2`,
      [userId, id],
    );
    return rows.map(subscriptionOf)[0];
  }

  async insert(s: { userId: string; ruleKind: RuleKind; scope: Scope; params: AlertParams; active: boolean }) {
    const rows: SubscriptionRow[] = await this.db.query(
      `INSERT INTO alert_subscription (user_id, rule_kind, scope, params, active) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [s.userId, s.ruleKind, s.scope, JSON.stringify(s.params), s.active],
    );
    return subscriptionOf(rows[0]);
  }

  async update(s: Subscription): Promise<Subscription | undefined> {
    // As a CTE: TypeORM answers a bare UPDATE or DELETE with [rows, count] rather than rows.
    const rows: SubscriptionRow[] = await this.db.query(
      `WITH changed AS (UPDATE alert_subscription SET scope = $3, params = $4, active = $5, updated_at = now()
        WHERE user_id = $1 AND id = $2 RETURNING ${SUBSCRIPTION_COLUMNS}) SELECT * FROM changed`,
      [s.userId, s.id, s.scope, JSON.stringify(s.params), s.active],
    );
    return rows.map(subscriptionOf)[0];
  }

  async delete(userId: string, id: number): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH gone AS (DELETE FROM alert_subscription WHERE user_id = $1 AND id = $2 RETURNING id) SELECT id FROM gone`,
      [userId, id],
    );
    return rows.length > 0;
  }

  /** Every active subscription to one of `kinds`, whoever holds it (for the rules). */
  async active(kinds: readonly RuleKind[]): Promise<Subscription[]> {
    const rows: SubscriptionRow[] = await this.db.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM alert_subscription WHERE active AND rule_kind = ANY($1) ORDER BY id`,
      [kinds],
    );
    return rows.map(subscriptionOf);
  }
}
