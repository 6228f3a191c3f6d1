// Fuzzing the SOQL engine with any text: it returns records or throws a SoqlError carrying one of
// Salesforce's error codes, quickly; never another exception, never a hang.
import fc from 'fast-check';
import { parseSoql, SoqlError } from '../src/soql/index.ts';
import { fuzzOrg, query } from './fuzz-org.ts';
import { vocabularyOf } from './fuzz-soql-vocabulary.ts';
import { nearValidQuery, soqlSoup, untypedFilterQuery } from './fuzz-soql-mutations.ts';

const CODES = ['MALFORMED_QUERY', 'INVALID_FIELD', 'INVALID_TYPE'];
/** A query over a few hundred rows that takes longer than this is a hang in the making. */
const SLOW_MS = 500;

type Outcome = { ok: true } | { ok: false; error: unknown };

function attempt(run: () => unknown): Outcome & { ms: number } {
  const start = performance.now();
  try {
    run();
    return { ok: true, ms: performance.now() - start };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - start };
  }
}

/** Salesforce's shape: an error code, and a caret (when given) inside the query text. */
function expectSalesforceError(text: string, error: unknown, codes = CODES): void {
  if (!(error instanceof SoqlError)) throw error;
  expect(codes).toContain(error.errorCode);
  expect(error.reason).not.toBe('');
  if (error.row !== undefined) {
    const line = text.split('\n')[error.row - 1];
    expect(line).toBeDefined();
    expect(error.column).toBeGreaterThanOrEqual(1);
    expect(error.column!).toBeLessThanOrEqual(line.length + 1);
  }
}

describe('SOQL engine under fuzzing', () => {
  const store = fuzzOrg();
  const vocab = vocabularyOf(store);
  const inputs = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 120 }),
    fc.string({ maxLength: 60 }).map((s) => `SELECT ${s}`),
    soqlSoup,
    untypedFilterQuery(vocab),
    nearValidQuery(vocab),
  );

  it('parses any text into a statement or a MALFORMED_QUERY', () => {
    fc.assert(
      fc.property(inputs, (text) => {
        const parsed = attempt(() => parseSoql(text));
        if (!parsed.ok) expectSalesforceError(text, parsed.error, ['MALFORMED_QUERY']);
      }),
      { seed: 0x50c1, numRuns: 1000 },
    );
  });

  it('runs any text to records or a Salesforce error, and fails as the parser does on bad syntax', () => {
    fc.assert(
      fc.property(inputs, fc.boolean(), (text, includeDeleted) => {
        const parsed = attempt(() => parseSoql(text));
        const ran = attempt(() => query(store, text, includeDeleted));
        expect(ran.ms).toBeLessThan(SLOW_MS);
        if (ran.ok) return expect(parsed.ok).toBe(true);
        expectSalesforceError(text, ran.error);
        if (!parsed.ok) expect((ran.error as Error).message).toBe((parsed.error as Error).message);
      }),
      { seed: 0x50c2, numRuns: 1500 },
    );
  });

  it('finds valid queries among the near-valid ones (the fuzzer reaches the executor)', () => {
    const texts = fc.sample(nearValidQuery(vocab), { seed: 0x50c3, numRuns: 300 });
    const answered = texts.filter((text) => attempt(() => query(store, text)).ok);
    // Both sides must be well represented, or the properties above test little.
    expect(answered.length).toBeGreaterThan(30);
    expect(answered.length).toBeLessThan(270);
  });
});
