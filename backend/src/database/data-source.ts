// One definition of how we reach PostgreSQL, shared by the app and the TypeORM CLI.
import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIRROR_ENTITIES } from '../mirror/mirror-entities';
import { SyncChannel } from '../sync/entities/sync-channel.entity';
import { CreateOpportunityMirror1795521600000 } from './migrations/1795521600000-CreateOpportunityMirror';
import { MirrorEveryObject1795608000000 } from './migrations/1795608000000-MirrorEveryObject';
import { StreamState1795694400000 } from './migrations/1795694400000-StreamState';
import { MirrorVersion1795780800000 } from './migrations/1795780800000-MirrorVersion';
import { ForecastChangeIndexes1795867200000 } from './migrations/1795867200000-ForecastChangeIndexes';
import { DashboardLayouts1795953600000 } from './migrations/1795953600000-DashboardLayouts';
import { HistoryPeopleIndexes1796040000000 } from './migrations/1796040000000-HistoryPeopleIndexes';
import { OpenPipelineIndexes1796126400000 } from './migrations/1796126400000-OpenPipelineIndexes';
import { Alerts1796212800000 } from './migrations/1796212800000-Alerts';
import { AlertPreferences1796299200000 } from './migrations/1796299200000-AlertPreferences';

export const ENTITIES = [...MIRROR_ENTITIES, SyncChannel];
const MIGRATIONS = [
  CreateOpportunityMirror1795521600000,
  MirrorEveryObject1795608000000,
  StreamState1795694400000,
  MirrorVersion1795780800000,
  ForecastChangeIndexes1795867200000,
  DashboardLayouts1795953600000,
  HistoryPeopleIndexes1796040000000,
  OpenPipelineIndexes1796126400000,
  Alerts1796212800000,
  AlertPreferences1796299200000,
];

export function dataSourceOptions(url: string, ssl = false): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    ssl: ssl ? { rejectUnauthorized: true } : false,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    // The schema changes only through reviewed migrations.
    synchronize: false,
    applicationName: 'pulse-backend',
  };
}

/** For `npm run migration:*`: needs DATABASE_URL pointing at the server to migrate. */
export default new DataSource(
  dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://localhost/pulse', process.env.DATABASE_SSL === 'true'),
);
