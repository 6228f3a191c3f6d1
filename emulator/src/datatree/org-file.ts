// An org for the data tree CLI to work on without a server: loaded from a state file, or seeded,
// with its commits published to a replay log as a running emulator would, so the saved file's
// events match its records.
import { changeEventsOf, isChangeDataCaptureEntity } from '../org/changeEvents.ts';
import { seedDemoOrg } from '../org/demoOrg.ts';
import { SOBJECTS } from '../org/schema.ts';
import { OrgStore } from '../org/store.ts';
import { OrgStateFile } from '../persistence/index.ts';
import { DEMO_ORG_ID } from '../server.ts';
import { StreamingServer } from '../streaming/index.ts';

/** What a new org holds: the whole demo, only the demo's setup (SETUP_OBJECTS), or nothing. */
export type NewOrg = 'demo' | 'users' | 'empty';

/** What an org has before any business data: users and roles, stages, forecasting, the standard price book. */
const SETUP_OBJECTS = ['UserRole', 'User', 'OpportunityStage', 'ForecastingType', 'Period', 'Pricebook2'];

/** Copies the demo's setup records (ids kept, so the id counters come along) into an empty store. */
function copySetup(store: OrgStore, seed: number): void {
  const demo = new OrgStore({ orgId: store.orgId });
  seedDemoOrg(demo, { seed, opportunities: 1 });
  for (const sobject of SETUP_OBJECTS) {
    for (const record of demo.scan(sobject)) {
      if (sobject !== 'Pricebook2' || record.IsStandard === true) store.put(sobject, record);
    }
  }
  store.restoreCounters({ commitNumber: 0, ids: demo.counters.ids });
}

export interface OrgFile {
  store: OrgStore;
  /** Whether the org came from the state file (false: newly seeded). */
  loaded: boolean;
  /** Writes the org to the state file (when there is one) and releases the replay log. */
  close(save: boolean): Promise<void>;
}

export async function openOrg(stateFile: string | undefined, whenNew: NewOrg, seed: number): Promise<OrgFile> {
  const store = new OrgStore({ orgId: DEMO_ORG_ID });
  const streaming = new StreamingServer({
    entities: SOBJECTS.map((s) => s.name).filter(isChangeDataCaptureEntity),
    authenticate: async () => null,
  });
  store.onCommit((tx) => {
    for (const event of changeEventsOf(tx, '66.0')) streaming.publish(event);
  });
  const file = stateFile ? new OrgStateFile({ file: stateFile, store, replayLog: streaming }) : undefined;
  const loaded = (await file?.load()) === true;
  if (!loaded && whenNew === 'demo') seedDemoOrg(store, { seed });
  if (!loaded && whenNew === 'users') copySetup(store, seed);
  return {
    store,
    loaded,
    async close(save) {
      await streaming.close();
      if (save) await file?.save();
    },
  };
}
