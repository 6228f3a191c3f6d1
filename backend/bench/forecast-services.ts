// The forecast's services from the compiled backend, wired outside Nest (dist/forecast/cli's
// forecastContext: no HTTP, no sync): what bench:forecast measures is the forecast itself.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DataSource } from 'typeorm';
import type * as ContextModule from '../src/forecast/cli/forecast-context.ts';
import type * as OrgWideModule from '../src/forecast/engine/org-wide.ts';
import type * as TrainingModule from '../src/forecast/engine/training-data.ts';
import type * as DealRowsModule from '../src/forecast/history/deal-rows.ts';
import type * as DaysModule from '../src/forecast/history/days.ts';
import type * as QuartersModule from '../src/forecast/history/quarters.ts';
import type * as ModelModule from '../src/forecast/model/forecast-model.ts';

export async function forecastServices(db: DataSource, distDir: string) {
  const dist = <T>(path: string): Promise<T> => import(pathToFileURL(join(distDir, path)).href) as Promise<T>;
  const { forecastContext } = await dist<typeof ContextModule>('forecast/cli/forecast-context.js');
  const { LOOKBACK_DAYS } = await dist<typeof TrainingModule>('forecast/engine/training-data.js');
  const { ORG_WIDE } = await dist<typeof OrgWideModule>('forecast/engine/org-wide.js');
  const { dealsSql } = await dist<typeof DealRowsModule>('forecast/history/deal-rows.js');
  const { instantDay } = await dist<typeof DaysModule>('forecast/history/days.js');
  const { Quarters } = await dist<typeof QuartersModule>('forecast/history/quarters.js');
  const { ForecastModel } = await dist<typeof ModelModule>('forecast/model/forecast-model.js');

  const context = forecastContext(db, { currency: 'USD', fiscalYearStartMonth: 1 });
  const userId = async (name: string) =>
    ((await db.query(`SELECT salesforce_id AS id FROM sf_user WHERE name = $1`, [name])) as { id: string }[])[0].id;
  const userIds = { manager: await userId('Manager 1'), rep: await userId('Rep 1') };
  let sampleRate = 1;
  const parts: Record<string, number> = {};
  const time = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const value = await work();
    parts[name] = Math.round(performance.now() - started);
    return value;
  };
  return {
    ...context,
    userIds,
    sampleRate: () => sampleRate,
    /** The first request's parts, each measured again on its own. */
    breakdown: () => parts,
    async measureParts() {
      const now = instantDay(Date.now());
      const training = await time('readTrainingSample', () => context.trainingData.load(now));
      sampleRate = training.sampleRate;
      await time('readOpenDealsWithHistory', () => context.mirror.query(ORG_WIDE, dealsSql('o.is_closed IS NOT TRUE')));
      // What the engine learns up front: the win model and this quarter's.
      await time('learnModels', () =>
        ForecastModel.train(
          { ...training, quarters: new Quarters(1), cutoff: now, lookbackDays: LOOKBACK_DAYS },
          undefined,
          {
            win: true,
            windows: [0],
          },
        ),
      );
    },
  };
}
