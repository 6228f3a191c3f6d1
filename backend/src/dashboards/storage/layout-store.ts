import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type LayoutKind = 'user' | 'team';

export interface StoredLayout {
  kind: LayoutKind;
  /** A User Id (kind user) or UserRole Id (kind team). */
  ownerId: string;
  /** As stored: any schemaVersion, not yet checked. */
  document: unknown;
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

/**
 * What a write expects to find: `undefined` anything (last write wins), `null` nothing stored
 * yet, a number that version. A write that finds something else changes nothing.
 */
export type Expected = number | null | undefined;

const COLUMNS = `kind, owner_id AS "ownerId", document, version, updated_at AS "updatedAt", updated_by AS "updatedBy"`;

/**
 * A write as a SELECT of what it wrote: TypeORM answers a bare UPDATE or DELETE with
 * [rows, count] rather than rows, so every write goes through a data-modifying CTE.
 */
const written = (sql: string) => `WITH written AS (${sql} RETURNING *) SELECT ${COLUMNS} FROM written`;

/** The dashboard_layout table: one JSONB document per user and per role. */
@Injectable()
export class LayoutStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(kind: LayoutKind, ownerId: string): Promise<StoredLayout | undefined> {
    const rows = await this.db.query<StoredLayout[]>(
      `SELECT ${COLUMNS} FROM dashboard_layout WHERE kind = $1 AND owner_id = $2`,
      [kind, ownerId],
    );
    return rows[0];
  }

  /** The user's own layout and the team defaults of the given roles, in one round trip. */
  forViewer(userId: string, roleIds: readonly string[]): Promise<StoredLayout[]> {
    return this.db.query<StoredLayout[]>(
      `SELECT ${COLUMNS} FROM dashboard_layout
       WHERE (kind = 'user' AND owner_id = $1) OR (kind = 'team' AND owner_id = ANY($2::varchar[]))`,
      [userId, roleIds],
    );
  }

  /** Saves the document; undefined when what is stored is not what `expected` says. */
  async save(
    kind: LayoutKind,
    ownerId: string,
    document: object,
    updatedBy: string,
    expected: Expected,
  ): Promise<StoredLayout | undefined> {
    const values = [kind, ownerId, JSON.stringify(document), updatedBy];
    const insert = `INSERT INTO dashboard_layout (kind, owner_id, document, updated_by) VALUES ($1, $2, $3, $4)`;
    const sql =
      expected === undefined
        ? `${insert} ON CONFLICT (kind, owner_id) DO UPDATE SET document = EXCLUDED.document,
             version = dashboard_layout.version + 1, updated_at = now(), updated_by = EXCLUDED.updated_by`
        : expected === null
          ? `${insert} ON CONFLICT (kind, owner_id) DO NOTHING`
          : `UPDATE dashboard_layout SET document = $3, version = version + 1, updated_at = now(), updated_by = $4
             WHERE kind = $1 AND owner_id = $2 AND version = $5`;
    const rows = await this.db.query<StoredLayout[]>(written(sql), [
      ...values,
      ...(typeof expected === 'number' ? [expected] : []),
    ]);
    return rows[0];
  }

  /** Removes the document; false when nothing matching `expected` was there. */
  async remove(kind: LayoutKind, ownerId: string, expected: number | undefined): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      written(`DELETE FROM dashboard_layout WHERE kind = $1 AND owner_id = $2 AND ($3::int IS NULL OR version = $3)`),
      [kind, ownerId, expected ?? null],
    );
    return rows.length > 0;
  }
}
