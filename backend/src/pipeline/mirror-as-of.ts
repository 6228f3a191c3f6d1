import type { DataSource } from 'typeorm';

/** When the mirror last changed: the freshness every analytics answer reports as `asOf`. */
export async function mirrorAsOf(db: DataSource): Promise<string | null> {
  const [row] = await db.query('SELECT max(greatest(last_change_at, loaded_at)) AS "asOf" FROM sync_channel');
  return row?.asOf ? new Date(row.asOf).toISOString() : null;
}
