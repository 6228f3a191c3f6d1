import { SoqlError } from './errors.ts';
import { tokenize } from './lexer.ts';

const kinds = (text: string): string[] => tokenize(text).map((t) => `${t.kind}:${t.text}`);

describe('tokenize', () => {
  it('splits identifiers, operators and punctuation, ending with EOF', () => {
    expect(kinds('SELECT Owner.Name FROM Opportunity WHERE Amount>=10')).toEqual([
      'ident:SELECT',
      'ident:Owner',
      'punct:.',
      'ident:Name',
      'ident:FROM',
      'ident:Opportunity',
      'ident:WHERE',
      'ident:Amount',
      'op:>=',
      'number:10',
      'eof:<EOF>',
    ]);
  });

  it('upper-cases identifiers for keyword matching and records offsets', () => {
    const [select, id] = tokenize('select  id');
    expect(select.upper).toBe('SELECT');
    expect(id).toMatchObject({ text: 'id', upper: 'ID', pos: 8 });
  });

  it.each(['=', '!=', '<>', '<', '<=', '>', '>='])('reads the operator %s', (op) => {
    expect(tokenize(`a ${op} 1`)[1]).toMatchObject({ kind: 'op', text: op });
  });

  it('reads integers, decimals and negative numbers', () => {
    expect(
      tokenize('10 2.5 -3 -0.25')
        .slice(0, 4)
        .map((t) => t.value),
    ).toEqual([10, 2.5, -3, -0.25]);
  });

  it('unescapes string literals but keeps the raw text for LIKE', () => {
    const [t] = tokenize(String.raw`'O\'Brien \\ \n \% \_ \u00e9'`);
    expect(t.kind).toBe('string');
    expect(t.value).toBe("O'Brien \\ \n % _ é");
    expect(t.raw).toBe(String.raw`O\'Brien \\ \n \% \_ \u00e9`);
  });

  it('reads date and datetime literals (Z, offsets with or without colon, fractions)', () => {
    const [date, z, plus, minus, frac] = tokenize(
      '2026-03-31 2026-03-31T00:00:00Z 2026-03-31T01:00:00+01:00 2026-03-30T16:00:00-0800 2026-03-31T00:00:00.250Z',
    );
    expect(date).toMatchObject({ kind: 'date', value: '2026-03-31' });
    const midnight = Date.UTC(2026, 2, 31);
    expect(z).toMatchObject({ kind: 'datetime', value: midnight });
    expect(plus.value).toBe(midnight);
    expect(minus.value).toBe(midnight);
    expect(frac.value).toBe(midnight + 250);
  });

  it('rejects impossible dates and datetimes without a zone', () => {
    expect(() => tokenize('2026-02-30')).toThrow("unexpected token: '2026-02-30'");
    expect(() => tokenize('2026-03-31T25:00:00Z')).toThrow("unexpected token: '2026-03-31T25:00:00Z'");
    expect(() => tokenize('2026-03-31T10:00:00 ')).toThrow(SoqlError);
  });

  it('reports an unterminated string like Salesforce (ANTLR position, 0-based column)', () => {
    expect(() => tokenize("Name = 'abc")).toThrow("line 1:11 mismatched character '<EOF>' expecting '''");
  });

  it('reports an unknown character with its position', () => {
    try {
      tokenize('SELECT Id\nFROM Account # x');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(SoqlError);
      expect((e as SoqlError).errorCode).toBe('MALFORMED_QUERY');
      expect((e as SoqlError).message).toBe("line 2:13 no viable alternative at character '#'");
    }
  });

  it('rejects an illegal escape sequence', () => {
    expect(() => tokenize(String.raw`'a\qb'`)).toThrow(String.raw`Illegal character sequence '\q' in string literal.`);
  });
});
