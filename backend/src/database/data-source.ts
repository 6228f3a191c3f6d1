// One definition of how we reach PostgreSQL, shared by the app and the TypeORM CLI.
import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIRROR_ENTITIES } from '../mirror/mirror-entities';
import { SyncChannel } from '../sync/entities/sync-channel.entity';
import { CreateOpportunityMirror1795521600000 } from './migrations/1795521600000-CreateOpportunityMirror';
import { MirrorEveryObject1795608000000 } from './migrations/1795608000000-MirrorEveryObject';
import { StreamState1795694400000 } from './migrations/1795694400000-StreamState';

export const ENTITIES = [...MIRROR_ENTITIES, SyncChannel];
const MIGRATIONS = [CreateOpportunityMirror1795521600000, MirrorEveryObject1795608000000, StreamState1795694400000];

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
