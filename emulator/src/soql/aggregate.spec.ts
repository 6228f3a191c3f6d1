import { query } from './test-fixtures.ts';

const AGG = { type: 'AggregateResult' };

describe('aggregate queries', () => {
  it('aggregates the whole table without GROUP BY, naming unaliased columns expr0, expr1...', () => {
    expect(
      query(
        'SELECT COUNT(Id), SUM(Amount), AVG(Amount), MIN(CloseDate), MAX(CreatedDate), COUNT(Amount) FROM Opportunity',
      ),
    ).toEqual({
      sobject: 'Opportunity',
      totalSize: 1,
      records: [
        {
          attributes: AGG,
          expr0: 5,
          expr1: 207500.5,
          expr2: 51875.125,
          expr3: '2026-02-15',
          expr4: '2026-04-15T08:00:00.000+0000',
          expr5: 4,
        },
      ],
    });
  });

  it('numbers only unaliased aggregates, and uses aliases as keys', () => {
    const [row] = query(
      'SELECT SUM(Amount) total, COUNT(Id), MAX(Amount) biggest, MIN(Amount) FROM Opportunity',
    ).records;
    expect(Object.keys(row)).toEqual(['attributes', 'total', 'expr0', 'biggest', 'expr1']);
    expect(row).toMatchObject({ total: 207500.5, expr0: 5, biggest: 120000, expr1: 7500.5 });
  });

  it('returns one row of nulls and zeros over no rows', () => {
    expect(query("SELECT COUNT(Id), SUM(Amount), MAX(Name) FROM Opportunity WHERE Name = 'nope'").records).toEqual([
      { attributes: AGG, expr0: 0, expr1: null, expr2: null },
    ]);
  });

  it('groups by a field, keyed by the field name', () => {
    const { records, totalSize } = query(
      'SELECT OwnerId, COUNT(Id), SUM(Amount) FROM Opportunity GROUP BY OwnerId ORDER BY OwnerId',
    );
    expect(totalSize).toBe(2);
    expect(records).toEqual([
      { attributes: AGG, OwnerId: '005000000000001AAA', expr0: 2, expr1: 170000 },
      { attributes: AGG, OwnerId: '005000000000002AAA', expr0: 3, expr1: 37500.5 },
    ]);
  });

  it('groups by several fields, including nulls and parent fields (keyed by the last name)', () => {
    const { records } = query(
      'SELECT Account.Name, IsClosed, COUNT(Id) n FROM Opportunity GROUP BY Account.Name, IsClosed ORDER BY Account.Name NULLS LAST, IsClosed',
    );
    expect(records.map((r) => [r.Name, r.IsClosed, r.n])).toEqual([
      ['Acme', false, 1],
      ['Acme', true, 1],
      ['Globex', false, 1],
      ['Globex', true, 1],
      [null, false, 1],
    ]);
  });

  it('lets grouped fields take aliases', () => {
    const [row] = query('SELECT StageName stage, COUNT(Id) FROM Opportunity GROUP BY StageName LIMIT 1').records;
    expect(Object.keys(row)).toEqual(['attributes', 'stage', 'expr0']);
  });

  it('counts distinct values, ignoring nulls', () => {
    const [row] = query(
      'SELECT COUNT_DISTINCT(OwnerId), COUNT_DISTINCT(Type), COUNT_DISTINCT(AccountId) FROM Opportunity',
    ).records;
    expect(row).toMatchObject({ expr0: 2, expr1: 2, expr2: 2 });
  });

  it('keeps decimal sums exact to 15 digits', () => {
    const [row] = query("SELECT SUM(Amount) FROM Opportunity WHERE Name IN ('orphan deal', 'Acme - Renewal')").records;
    expect(row.expr0).toBe(57500.5);
  });

  it('aggregates parent fields', () => {
    const [row] = query('SELECT MAX(Account.AnnualRevenue), COUNT(Account.Name) FROM Opportunity').records;
    expect(row).toMatchObject({ expr0: 1_000_000, expr1: 4 });
  });

  it('applies WHERE before grouping and skips deleted rows unless asked', () => {
    const sum = (opts = {}) =>
      query("SELECT SUM(Amount) FROM Opportunity WHERE OwnerId = '005000000000001AAA'", opts).records[0].expr0;
    expect(sum()).toBe(170000);
    expect(sum({ includeDeleted: true })).toBe(170999);
  });

  describe('HAVING', () => {
    it('filters groups on aggregates, selected or not', () => {
      const owners = (having: string) =>
        query(`SELECT OwnerId FROM Opportunity GROUP BY OwnerId HAVING ${having}`).records.map((r) => r.OwnerId);
      expect(owners('COUNT(Id) > 2')).toEqual(['005000000000002AAA']);
      expect(owners('SUM(Amount) >= 170000')).toEqual(['005000000000001AAA']);
      expect(owners('MAX(CloseDate) > 2026-06-01 OR MIN(Amount) = null')).toEqual(['005000000000002AAA']);
      expect(owners('AVG(Probability) < 50 AND COUNT(Id) > 0')).toEqual(['005000000000002AAA']);
    });

    it('filters groups on grouped fields', () => {
      const { records } = query(
        "SELECT StageName, COUNT(Id) FROM Opportunity GROUP BY StageName HAVING StageName LIKE 'Closed%'",
      );
      expect(records.map((r) => r.StageName).sort()).toEqual(['Closed Lost', 'Closed Won']);
    });
  });

  describe('ORDER BY, LIMIT and OFFSET over groups', () => {
    it('orders by aggregates with nulls placement', () => {
      const stages = (orderBy: string) =>
        query(`SELECT StageName, SUM(Amount) FROM Opportunity GROUP BY StageName ORDER BY ${orderBy}`).records.map(
          (r) => r.StageName,
        );
      expect(stages('SUM(Amount) DESC')).toEqual([
        'Negotiation/Review',
        'Closed Won',
        'Closed Lost',
        'Qualification',
        'Prospecting',
      ]);
      expect(stages('SUM(Amount) NULLS LAST')).toEqual([
        'Qualification',
        'Closed Lost',
        'Closed Won',
        'Negotiation/Review',
        'Prospecting',
      ]);
      expect(stages('COUNT(Id) DESC, StageName')).toEqual([
        'Prospecting',
        'Qualification',
        'Negotiation/Review',
        'Closed Won',
        'Closed Lost',
      ]);
    });

    it('pages groups', () => {
      const { records, totalSize } = query(
        'SELECT StageName FROM Opportunity GROUP BY StageName ORDER BY StageName LIMIT 2 OFFSET 1',
      );
      expect(totalSize).toBe(2);
      expect(records).toEqual([
        { attributes: AGG, StageName: 'Qualification' },
        { attributes: AGG, StageName: 'Negotiation/Review' },
      ]);
    });
  });
});
