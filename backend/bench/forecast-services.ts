// The forecast's services wired by hand from the compiled backend (no HTTP, no sync): what
// bench:forecast measures is the forecast itself, not the framework around it.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DataSource } from 'typeorm';
import type * as HierarchyModule from '../src/access/role-hierarchy.service.ts';
import type { Viewer } from '../src/access/viewer.ts';
import type * as VisibleMirrorModule from '../src/access/visible-mirror.ts';
import type * as FiltersModule from '../src/analytics/filters/analytics-filters.service.ts';
import type * as ConfigModule from '../src/config/pulse-config.ts';
import type * as EngineModule from '../src/forecast/engine/forecast-engine.service.ts';
import type * as OrgWideModule from '../src/forecast/engine/org-wide.ts';
import type * as TrainingModule from '../src/forecast/engine/training-data.ts';
import type * as DealRowsModule from '../src/forecast/history/deal-rows.ts';
import type * as DaysModule from '../src/forecast/history/days.ts';
import type * as QuartersModule from '../src/forecast/history/quarters.ts';
import type * as ModelModule from '../src/forecast/model/forecast-model.ts';
import type * as PredictiveModule from '../src/forecast/predictive/predictive-forecast.service.ts';
import type * as VersionModule from '../src/http/response-cache/mirror-version.service.ts';
import type * as EventsModule from '../src/sync/mirror-events.service.ts';

export async function forecastServices(db: DataSource, distDir: string) {
  const dist = <T>(path: string): Promise<T> => import(pathToFileURL(join(distDir, path)).href) as Promise<T>;
  const { VisibleMirror } = await dist<typeof VisibleMirrorModule>('access/visible-mirror.js');
  const { RoleHierarchyService } = await dist<typeof HierarchyModule>('access/role-hierarchy.service.js');
  const { AnalyticsFiltersService } = await dist<typeof FiltersModule>('analytics/filters/analytics-filters.service.js');
  const { PulseConfig } = await dist<typeof ConfigModule>('config/pulse-config.js');
  const { ForecastEngine } = await dist<typeof EngineModule>('forecast/engine/forecast-engine.service.js');
  const { TrainingDataSource, LOOKBACK_DAYS } = await dist<typeof TrainingModule>('forecast/engine/training-data.js');
  const { ORG_WIDE } = await dist<typeof OrgWideModule>('forecast/engine/org-wide.js');
  const { dealsSql } = await dist<typeof DealRowsModule>('forecast/history/deal-rows.js');
  const { instantDay } = await dist<typeof DaysModule>('forecast/history/days.js');
  const { Quarters } = await dist<typeof QuartersModule>('forecast/history/quarters.js');
  const { ForecastModel } = await dist<typeof ModelModule>('forecast/model/forecast-model.js');
  const { PredictiveForecastService } = await dist<typeof PredictiveModule>('forecast/predictive/predictive-forecast.service.js');
  const { MirrorVersion } = await dist<typeof VersionModule>('http/response-cache/mirror-version.service.js');
  const { MirrorEvents } = await dist<typeof EventsModule>('sync/mirror-events.service.js');

  const config = new PulseConfig({ currency: 'USD', fiscalYearStartMonth: 1 } as ConstructorParameters<typeof PulseConfig>[0]);
  const events = new MirrorEvents();
  const mirror = new VisibleMirror(db);
  const hierarchy = new RoleHierarchyService(db, events);
  const filters = new AnalyticsFiltersService(config, hierarchy);
  const trainingData = new TrainingDataSource(mirror);
  const engine = new ForecastEngine(mirror, trainingData, new MirrorVersion(db), config, events);
  const predictive = new PredictiveForecastService(db, engine, mirror, filters, hierarchy, config);
  const ids = async (sql: string) => ((await db.query(sql)) as { id: string }[])[0].id;
  const userIds = {
    admin: await ids(`SELECT salesforce_id AS id FROM sf_user WHERE name = 'Integration User'`),
    manager: await ids(`SELECT salesforce_id AS id FROM sf_user WHERE name = 'Manager 1'`),
    rep: await ids(`SELECT salesforce_id AS id FROM sf_user WHERE name = 'Rep 1'`),
  };
  let sampleRate = 1;
  const parts: Record<string, number> = {};
  const time = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const value = await work();
    parts[name] = Math.round(performance.now() - started);
    return value;
  };
  return {
    predictive,
    userIds,
    viewer: (userId: string, viewAll: boolean): Promise<Viewer> => hierarchy.viewer(userId, viewAll),
    sampleRate: () => sampleRate,
    /** The cold forecast's parts, each measured again on its own (the database warm by now). */
    breakdown: () => parts,
    /** Learning the live model again, as a change to closed history makes the engine do. */
    async retrain() {
      const now = instantDay(Date.now());
      const training = await time('readTrainingSample', () => trainingData.load(now));
      sampleRate = training.sampleRate;
      await time('readOpenDealsWithHistory', () => mirror.query(ORG_WIDE, dealsSql('o.is_closed IS NOT TRUE')));
      // What the engine learns up front: the win model and this quarter's.
      await time('learnModels', () =>
        ForecastModel.train({ ...training, quarters: new Quarters(1), cutoff: now, lookbackDays: LOOKBACK_DAYS }, undefined, {
          win: true,
          windows: [0],
        }),
      );
    },
  };
}
