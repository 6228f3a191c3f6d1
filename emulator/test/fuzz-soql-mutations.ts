// Near-valid SOQL for the fuzzers: valid queries broken by a few token edits, filters with literals of
// the wrong type, and SOQL's own words in any order.
import fc from 'fast-check';
import { condition } from './fuzz-soql-conditions.ts';
import { dateLiteral } from './fuzz-soql-literals.ts';
import { aggregateQuery, plainQuery, renderPlain } from './fuzz-soql-queries.ts';
import type { Vocabulary } from './fuzz-soql-vocabulary.ts';

/** SOQL's words, symbols and literals (good and bad) to break queries with; '|' separates them. */
const JUNK = [
  'SELECT|FROM|WHERE|AND|OR|NOT|IN|LIKE|INCLUDES|EXCLUDES|GROUP BY|HAVING|ORDER BY|LIMIT|OFFSET|NULLS FIRST',
  'DESC|ASC|NULL|TRUE|COUNT()|COUNT(Id)|SUM(|Owner.|Opportunity|Account|Id|Name',
  '.|,|(|)|:|=|<>|!=|>=|\'|"|#|\\|-|é|\u0000|\n|𝒳',
  "'x'|'\\'|'\\q'|-1|0|1.5|99999999999999999999|2026-02-30|2026-01-01T25:00:00Z|2026-01-01T00:00:00",
  'LAST_N_DAYS|LAST_N_DAYS:|THIS_QUARTER|N_YEARS_AGO:3',
].flatMap((group) => group.split('|'));

/** Splits SOQL into tokens roughly as the lexer does (strings kept whole), to mutate it. */
const TOKEN = /'(?:[^'\\]|\\.)*'?|\s+|[(),.:]|[!<>=]+|[^\s(),.:'!<>=]+/gu;

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), with: fc.constantFrom(...JUNK) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    with: fc.oneof(fc.constantFrom(...JUNK), fc.string()),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, mutations: Mutation[]): string {
  const tokens = text.match(TOKEN) ?? [];
  for (const m of mutations) {
    if (tokens.length === 0) break;
    const at = m.at % tokens.length;
    if (m.kind === 'delete') tokens.splice(at, 1);
    else if (m.kind === 'duplicate') tokens.splice(at, 0, tokens[at]);
    else if (m.kind === 'swap') {
      const to = m.to % tokens.length;
      [tokens[at], tokens[to]] = [tokens[to], tokens[at]];
    } else if (m.kind === 'replace') tokens[at] = ` ${m.with} `;
    else tokens.splice(at, 0, ` ${m.with} `);
  }
  return tokens.join('');
}

/** Well-formed queries whose filters compare fields with literals of any type (often refused). */
export const untypedFilterQuery = (vocab: Vocabulary): fc.Arbitrary<string> =>
  vocab.sobjectName.chain((name) =>
    condition(vocab, name, false).map((where) => `SELECT Id FROM ${name} WHERE ${where}`),
  );

/** Valid queries (some with literals of the wrong type), then broken by up to three token edits. */
export function nearValidQuery(vocab: Vocabulary): fc.Arbitrary<string> {
  const valid = fc.oneof(
    plainQuery(vocab).map(renderPlain),
    aggregateQuery(vocab).map((q) => q.text),
    untypedFilterQuery(vocab),
  );
  return fc.tuple(valid, fc.array(mutation, { maxLength: 3 })).map(([text, ms]) => mutate(text, ms));
}

/** Text from SOQL's own words and symbols in any order: mostly wrong, occasionally valid. */
export const soqlSoup: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...JUNK), dateLiteral(1_000_000), fc.string({ maxLength: 4 })), { maxLength: 25 })
  .map((words) => words.join(' '));
