// Unit tests for operators whose fields the demo org does not have (multi-select picklists), and for
// the literal/value edge cases that are awkward to reach through whole queries.

import type { StringLiteral } from './ast.ts';
import { compareTest, includesTest, inTest, likeTest } from './matchers.ts';
import type { MatchContext } from './matchers.ts';
import { sameId } from './values.ts';
import type { BoundOperand } from './values.ts';

const ctx: MatchContext = { text: '', now: new Date('2026-04-15T12:00:00Z'), fiscalYearStartMonth: 1 };
const operand = (type: BoundOperand<never>['type']): BoundOperand<never> => ({ get: () => null, type, label: 'F' });
const str = (value: string, raw = value): StringLiteral => ({ kind: 'string', value, raw, pos: 0 });

describe('INCLUDES / EXCLUDES', () => {
  const tags = operand('multipicklist');

  it('matches when any listed value is present; a;b inside one value means both', () => {
    const t = includesTest(tags, [str('AAA;BBB'), str('ccc')], false, ctx, 0);
    expect(t('BBB;ddd;aaa')).toBe(true);
    expect(t('AAA')).toBe(false);
    expect(t('CCC')).toBe(true);
    expect(t(null)).toBe(false);
  });

  it('EXCLUDES is the negation, and keeps nulls', () => {
    const t = includesTest(tags, [str('AAA')], true, ctx, 0);
    expect(t('BBB')).toBe(true);
    expect(t('aaa;BBB')).toBe(false);
    expect(t(null)).toBe(true);
  });

  it('= on a multi-select picklist compares the set, ignoring order and case', () => {
    const t = compareTest(tags, '=', str('b;A'), ctx);
    expect(t('a;B')).toBe(true);
    expect(t('a;b;c')).toBe(false);
    expect(inTest(tags, [str('x'), str('a;b')], false, ctx)('B;A')).toBe(true);
  });
});

describe('value edge cases', () => {
  it('compares text with non-ASCII case folding and exact fast path', () => {
    const t = compareTest(operand('string'), '=', str('ÉCOLE'), ctx);
    expect(t('école')).toBe(true);
    expect(t('ÉCOLE')).toBe(true);
    expect(t('ecole')).toBe(false);
  });

  it('LIKE spans newlines and treats the pattern as anchored', () => {
    const t = likeTest(operand('textarea'), str('a%b', 'a%b'), ctx);
    expect(t('a\nline\nb')).toBe(true);
    expect(t('xa b')).toBe(false);
  });

  it('ordering operators with a null literal match nothing', () => {
    expect(compareTest(operand('currency'), '>', { kind: 'null', pos: 0 }, ctx)(5)).toBe(false);
  });

  it('date literal ranges compare datetime values by instant, whatever their offset', () => {
    const today = compareTest(operand('datetime'), '=', { kind: 'dateLiteral', name: 'TODAY', n: null, pos: 0 }, ctx);
    expect(today('2026-04-15T00:00:00.000+0000')).toBe(true);
    expect(today('2026-04-15T01:00:00.000+02:00')).toBe(false); // 2026-04-14T23:00Z
    expect(today('2026-04-16T00:00:00.000+0000')).toBe(false);
  });
});

describe('sameId', () => {
  it('compares the case-sensitive 15-character forms', () => {
    expect(sameId('001A0000000abcD', '001A0000000abcDEAA')).toBe(true);
    expect(sameId('001A0000000abcDEAA', '001A0000000abcD')).toBe(true);
    expect(sameId('001A0000000abcD', '001A0000000ABCD')).toBe(false);
    expect(sameId('001A0000000abcD', '001A0000000ABCDEAA')).toBe(false);
    expect(sameId('001A0000000abc', '001A0000000abcDEAA')).toBe(false);
  });
});

describe('date literal range boundaries', () => {
  // THIS_MONTH is [2026-04-01, 2026-05-01): probe the days either side of both ends.
  const probes = ['2026-03-31', '2026-04-01', '2026-04-30', '2026-05-01'];
  const thisMonth = { kind: 'dateLiteral', name: 'THIS_MONTH', n: null, pos: 0 } as const;

  it.each([
    ['=', [false, true, true, false]],
    ['!=', [true, false, false, true]],
    ['<', [true, false, false, false]],
    ['<=', [true, true, true, false]],
    ['>', [false, false, false, true]],
    ['>=', [false, true, true, true]],
  ] as const)('CloseDate %s THIS_MONTH', (op, expected) => {
    const t = compareTest(operand('date'), op, thisMonth, ctx);
    expect(probes.map(t)).toEqual(expected);
    expect(t(null)).toBe(op === '!=');
  });
});
