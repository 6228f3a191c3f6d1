// The forecast's services wired by hand on a TypeORM DataSource, outside Nest: for the backtest
// CLI against an existing mirror, and the benchmark. No sync, no HTTP, nothing that reaches the org.
import type { DataSource } from 'typeorm';
import { RoleHierarchyService } from '../../access/role-hierarchy.service';
import type { Viewer } from '../../access/viewer';
import { VisibleMirror } from '../../access/visible-mirror';
import { AnalyticsFiltersService } from '../../analytics/filters/analytics-filters.service';
import { PulseConfig } from '../../config/pulse-config';
import { MirrorVersion } from '../../http/response-cache/mirror-version.service';
import { MirrorEvents } from '../../sync/mirror-events.service';
import { ForecastAccuracyService } from '../backtest/forecast-accuracy.service';
import { ForecastEngine } from '../engine/forecast-engine.service';
import { ORG_WIDE } from '../engine/org-wide';
import { TrainingDataSource } from '../engine/training-data';
import { PredictiveForecastService } from '../predictive/predictive-forecast.service';

export interface ForecastSettings {
  currency: string;
  fiscalYearStartMonth: number;
}

export function forecastContext(db: DataSource, settings: ForecastSettings) {
  // Only the two settings the forecast reads; the rest of PulseConfig (the org, tokens) is not needed here.
  const config = new PulseConfig(settings as ConstructorParameters<typeof PulseConfig>[0]);
  const events = new MirrorEvents();
  const mirror = new VisibleMirror(db);
  const hierarchy = new RoleHierarchyService(db, events);
  const filters = new AnalyticsFiltersService(config, hierarchy);
  const trainingData = new TrainingDataSource(mirror);
  const engine = new ForecastEngine(mirror, trainingData, new MirrorVersion(db), config, events);
  return {
    mirror,
    engine,
    trainingData,
    predictive: new PredictiveForecastService(db, engine, mirror, filters, hierarchy, config),
    accuracy: new ForecastAccuracyService(db, engine, trainingData, mirror, filters, config),
    /** A user by Username or Id, as they would see the forecast; without one, everything. */
    async viewer(user?: string): Promise<Viewer> {
      if (!user) return { ...ORG_WIDE, userId: 'pulse-cli', name: 'Pulse CLI' };
      const [row] = await mirror.query<{ id: string }>(
        ORG_WIDE,
        'SELECT salesforce_id AS id FROM visible_user WHERE username = $1 OR salesforce_id = $1',
        [user],
      );
      if (!row) throw new Error(`no user ${user} in the mirror`);
      return hierarchy.viewer(row.id, false);
    },
  };
}
