// The one way Pulse widgets read the backend: through the Apex proxy, which authenticates the
// user and answers with the backend's JSON body as a string.
import getJson from '@salesforce/apex/PulseApiController.getJson';

/** One stage of GET /api/pipeline/by-stage. Stages come in stage order, empty ones with 0. */
export interface StageTotal {
  stageName: string;
  sortOrder: number;
  isClosed: boolean;
  isWon: boolean;
  amount: number;
  count: number;
}

/** GET /api/pipeline/by-stage?includeClosed=... */
export interface PipelineByStage {
  currencyIsoCode: string;
  includeClosed: boolean;
  /** When the mirror last changed; null until the first sync. */
  asOf: string | null;
  totals: { amount: number; count: number };
  stages: StageTotal[];
}

/** GETs a backend path (for example '/api/pipeline/by-stage') and parses its JSON body. */
export async function fetchPulse<T>(path: string): Promise<T> {
  return JSON.parse(await getJson({ path })) as T;
}
