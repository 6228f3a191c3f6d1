// TypeORM entities of the mirror tables, made from the same definitions as the migrations (a test
// checks the migrated schema against them), so a field is described once.
import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import { MIRRORED_OBJECTS, type ColumnType, type MirroredObject } from './mirrored-objects';

const TYPEORM_TYPE: Record<ColumnType, EntitySchemaColumnOptions['type']> = {
  id: 'varchar',
  text: 'text',
  numeric: 'numeric',
  integer: 'integer',
  boolean: 'boolean',
  date: 'date',
  timestamptz: 'timestamptz',
};

/** A mirrored row as TypeORM reads it: the typed columns by their Salesforce field name. */
export type MirrorRow = Record<string, unknown> & { salesforceId: string; systemModstamp: Date; isDeleted: boolean };

export function entityOf(object: MirroredObject): EntitySchema<MirrorRow> {
  const columns: Record<string, EntitySchemaColumnOptions> = {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    salesforceId: { name: 'salesforce_id', type: 'varchar', length: 18, unique: true },
    extra: { type: 'jsonb', default: {} },
    systemModstamp: { name: 'system_modstamp', type: 'timestamptz' },
    isDeleted: { name: 'is_deleted', type: 'boolean', default: false },
    lastSyncedAt: { name: 'last_synced_at', type: 'timestamptz' },
  };
  for (const f of object.fields) columns[f.field] = { name: f.column, type: TYPEORM_TYPE[f.type], nullable: true };
  return new EntitySchema<MirrorRow>({ name: object.sobject, tableName: object.table, columns });
}

export const MIRROR_ENTITIES = MIRRORED_OBJECTS.map(entityOf);
