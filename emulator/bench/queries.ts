// Query throughput: the same SOQL run in-process (the engine alone, the baseline) and as REST
// `query` requests through jsforce over HTTP, one at a time and with several in flight.
import { executeSoql } from '../src/soql/index.ts';
import type { BenchOptions } from './args.ts';
import { repeatAsync, repeatSync, round } from './measure.ts';
import type { BenchOrg } from './org.ts';
import type { Progress } from './progress.ts';

/** What a pipeline widget asks: this quarter's biggest open deals, with their owners. */
export const DASHBOARD_SOQL =
  'SELECT Id, Name, Amount, StageName, CloseDate, Owner.Name FROM Opportunity ' +
  'WHERE IsClosed = false AND CloseDate = THIS_QUARTER ORDER BY Amount DESC NULLS LAST LIMIT 20';
/** Pipeline by stage, the chart Pulse draws. */
export const AGGREGATE_SOQL = 'SELECT StageName, SUM(Amount) total FROM Opportunity GROUP BY StageName';

export async function measureQueries(org: BenchOrg, options: BenchOptions, progress: Progress, label: string) {
  const { emulator, conn } = org;
  const result: Record<string, unknown> = { opportunities: emulator.store.count('Opportunity') };
  for (const [name, soql] of [
    ['dashboard', DASHBOARD_SOQL],
    ['aggregate', AGGREGATE_SOQL],
  ] as const) {
    progress.phase(`query ${label} ${name}`);
    const run = () => executeSoql(soql, emulator.store, { includeDeleted: false, apiVersion: '66.0' });
    const rows = run().records.length;
    const inProcess = repeatSync(options.durationMs, run, (n) => progress.update(`in-process ${n}`));
    await conn.query(soql); // warm-up: the first request pays for route compilation
    const http = await repeatAsync(
      options.durationMs,
      1,
      () => conn.query(soql),
      (n) => progress.update(`jsforce ${n}`),
    );
    const concurrent = await repeatAsync(
      options.durationMs,
      options.concurrency,
      () => conn.query(soql),
      (n) => progress.update(`jsforce x${options.concurrency} ${n}`),
    );
    result[name] = {
      soql,
      rows,
      inProcess,
      restViaJsforce: http,
      [`restViaJsforceConcurrency${options.concurrency}`]: concurrent,
      restShareOfInProcess: round(http.perSecond / inProcess.perSecond, 3),
    };
    progress.done(
      `${rows} rows: in-process ${inProcess.perSecond}/s, jsforce ${http.perSecond}/s, ` +
        `x${options.concurrency} ${concurrent.perSecond}/s`,
    );
  }
  return result;
}
