import { SoqlError } from './errors.ts';
import { parseSoql } from './parser.ts';

const field = (...path: string[]) => expect.objectContaining({ kind: 'field', path });

describe('parseSoql', () => {
  it('parses a full statement into its clauses', () => {
    const stmt = parseSoql(
      'SELECT Id, Owner.Name FROM Opportunity WHERE Amount > 100 ORDER BY CloseDate DESC NULLS LAST, Name LIMIT 10 OFFSET 5',
    );
    expect(stmt.select.map((s) => s.expr)).toEqual([field('Id'), field('Owner', 'Name')]);
    expect(stmt.from).toEqual({ name: 'Opportunity', pos: 27 });
    expect(stmt.where).toMatchObject({
      kind: 'compare',
      left: field('Amount'),
      op: '>',
      value: { kind: 'number', value: 100 },
    });
    expect(stmt.orderBy).toEqual([
      expect.objectContaining({ expr: field('CloseDate'), descending: true, nulls: 'LAST' }),
      expect.objectContaining({ expr: field('Name'), descending: false, nulls: null }),
    ]);
    expect(stmt).toMatchObject({ limit: 10, offset: 5, groupBy: [], having: null });
  });

  it('accepts keywords in any case and keeps names as written', () => {
    const stmt = parseSoql('select stagename from opportunity order by amount asc nulls first');
    expect(stmt.select[0].expr).toEqual(field('stagename'));
    expect(stmt.orderBy[0]).toMatchObject({ descending: false, nulls: 'FIRST' });
  });

  it('parses relationship paths of any depth', () => {
    expect(parseSoql('SELECT Account.Owner.UserRole.Name FROM Opportunity').select[0].expr).toEqual(
      field('Account', 'Owner', 'UserRole', 'Name'),
    );
  });

  it('parses aggregates with and without aliases, COUNT() and GROUP BY / HAVING', () => {
    const stmt = parseSoql(
      'SELECT StageName, COUNT(), COUNT(Id) n, COUNT_DISTINCT(OwnerId), SUM(Amount) total, AVG(Amount), MIN(CloseDate), MAX(CloseDate) ' +
        'FROM Opportunity GROUP BY StageName HAVING SUM(Amount) > 1000 ORDER BY SUM(Amount) DESC',
    );
    expect(stmt.select.map((s) => [s.expr.kind === 'aggregate' ? s.expr.fn : 'field', s.alias])).toEqual([
      ['field', null],
      ['COUNT', null],
      ['COUNT', 'n'],
      ['COUNT_DISTINCT', null],
      ['SUM', 'total'],
      ['AVG', null],
      ['MIN', null],
      ['MAX', null],
    ]);
    expect(stmt.select[1].expr).toMatchObject({ kind: 'aggregate', fn: 'COUNT', field: null });
    expect(stmt.groupBy).toEqual([field('StageName')]);
    expect(stmt.having).toMatchObject({ kind: 'compare', left: { kind: 'aggregate', fn: 'SUM' }, op: '>' });
    expect(stmt.orderBy[0].expr).toMatchObject({ kind: 'aggregate', fn: 'SUM', field: field('Amount') });
  });

  describe('conditions', () => {
    const where = (cond: string) => parseSoql(`SELECT Id FROM Opportunity WHERE ${cond}`).where;

    it('normalises <> to !=', () => {
      expect(where('Name <> null')).toMatchObject({ kind: 'compare', op: '!=', value: { kind: 'null' } });
    });

    it('parses AND / OR chains flat, with parentheses and NOT', () => {
      expect(where('a = 1 AND b = 2 AND c = 3')).toMatchObject({ kind: 'and', operands: [{}, {}, {}] });
      expect(where('NOT (a = 1 OR b = 2) AND c = 3')).toMatchObject({
        kind: 'and',
        operands: [{ kind: 'not', operand: { kind: 'or' } }, { kind: 'compare' }],
      });
    });

    it('rejects AND and OR mixed without parentheses, on the second joiner', () => {
      expect(() => where('a = 1 AND b = 2 OR c = 3')).toThrow("unexpected token: 'OR'");
      expect(() => where('(a = 1 OR b = 2 AND c = 3)')).toThrow("unexpected token: 'AND'");
      expect(where('(a = 1 OR b = 2) AND c = 3')).toMatchObject({ kind: 'and', operands: [{ kind: 'or' }, {}] });
    });

    it('parses IN, NOT IN, LIKE, INCLUDES and EXCLUDES', () => {
      expect(where("StageName IN ('A', 'B', null)")).toMatchObject({
        kind: 'in',
        negated: false,
        values: [{ value: 'A' }, { value: 'B' }, { kind: 'null' }],
      });
      expect(where('Amount NOT IN (1, 2)')).toMatchObject({ kind: 'in', negated: true });
      expect(where("Name LIKE 'Ac\\%%'")).toMatchObject({ kind: 'like', pattern: { value: 'Ac%%', raw: 'Ac\\%%' } });
      expect(where("Tags INCLUDES ('a;b', 'c')")).toMatchObject({
        kind: 'includes',
        negated: false,
        values: [{ value: 'a;b' }, { value: 'c' }],
      });
      expect(where("Tags EXCLUDES ('a')")).toMatchObject({ kind: 'includes', negated: true });
    });

    it('parses every literal kind', () => {
      const values = (
        parseSoql(
          "SELECT Id FROM X WHERE a IN ('s', 1.5, true, FALSE, null, 2026-03-31, 2026-03-31T00:00:00Z, TODAY, last_n_days:30)",
        ).where as { values: unknown[] }
      ).values;
      expect(values).toEqual([
        expect.objectContaining({ kind: 'string', value: 's' }),
        expect.objectContaining({ kind: 'number', value: 1.5 }),
        expect.objectContaining({ kind: 'boolean', value: true }),
        expect.objectContaining({ kind: 'boolean', value: false }),
        expect.objectContaining({ kind: 'null' }),
        expect.objectContaining({ kind: 'date', value: '2026-03-31' }),
        expect.objectContaining({ kind: 'datetime', value: Date.UTC(2026, 2, 31) }),
        expect.objectContaining({ kind: 'dateLiteral', name: 'TODAY', n: null }),
        expect.objectContaining({ kind: 'dateLiteral', name: 'LAST_N_DAYS', n: 30 }),
      ]);
    });

    it('requires :n after N-literals and rejects unknown words as values', () => {
      expect(() => where('CloseDate = LAST_N_DAYS')).toThrow("unexpected token: '<EOF>'");
      expect(() => where('CloseDate = LAST_N_DAYS:x')).toThrow("unexpected token: 'x'");
      expect(() => where('CloseDate = SOMEDAY')).toThrow("unexpected token: 'SOMEDAY'");
    });
  });

  describe('syntax errors name the unexpected token', () => {
    it.each([
      ['SELECT Id FORM Account', 'FORM', 11],
      ['SELECT FROM Account', 'FROM', 8],
      ['SELECT Id FROM Account WHERE', '<EOF>', 29],
      ['SELECT Id FROM Account LIMIT 5 WHERE Name = null', 'WHERE', 32],
      ['SELECT Id, FROM Account', 'FROM', 12],
      ['SELECT Id FROM Account WHERE Name = :name', ':', 37],
      ['SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity)', 'SELECT', 37],
      ['SELECT CALENDAR_YEAR(CloseDate) FROM Opportunity', 'CALENDAR_YEAR', 8],
      ['SELECT SUM() FROM Opportunity', ')', 12],
      ['SELECT Id FROM Account LIMIT -1', '-1', 30],
      ['SELECT Id FROM Account ORDER BY Name NULLS', '<EOF>', 43],
      ['SELECT Id FROM Account WHERE Name LIKE 5', '5', 40],
    ])('%s', (text, token, column) => {
      try {
        parseSoql(text);
        throw new Error('parsed');
      } catch (e) {
        expect(e).toBeInstanceOf(SoqlError);
        const err = e as SoqlError;
        expect(err.errorCode).toBe('MALFORMED_QUERY');
        expect(err.reason).toBe(`unexpected token: '${token}'`);
        expect(err.column).toBe(column);
      }
    });

    it('formats the message like Salesforce: the line, a caret, the position, the reason', () => {
      expect(() => parseSoql('SELECT Id\nFROM Account\nWHERE Name ==')).toThrow(
        "\nWHERE Name ==\n            ^\nERROR at Row:3:Column:13\nunexpected token: '='",
      );
    });
  });
});
