import { names } from './test-fixtures.ts';

const where = (condition: string): unknown[] => names(`SELECT Name FROM Opportunity WHERE ${condition} ORDER BY Name`);

describe('WHERE', () => {
  describe('comparison operators', () => {
    it('compares numbers', () => {
      expect(where('Amount = 50000')).toEqual(['Acme - Renewal']);
      expect(where('Amount > 30000')).toEqual(['Acme - Expansion', 'Acme - Renewal']);
      expect(where('Amount >= 30000')).toEqual(['Acme - Expansion', 'Acme - Renewal', 'Globex - Services']);
      expect(where('Amount < 30000')).toEqual(['orphan deal']);
      expect(where('Amount <= 7500.5')).toEqual(['orphan deal']);
      expect(where('Amount > -1 AND Probability < 20')).toEqual(['Globex - Services']);
    });

    it('treats null as different from every value: != and <> match null, ordering operators do not', () => {
      expect(where('Amount != 50000')).toEqual([
        'Acme - Expansion',
        'Globex - New',
        'Globex - Services',
        'orphan deal',
      ]);
      expect(where('Amount <> 50000')).toEqual(where('Amount != 50000'));
      expect(where('Amount < 1000000')).not.toContain('Globex - New');
    });

    it('tests null with = null and != null', () => {
      expect(where('Amount = null')).toEqual(['Globex - New']);
      expect(where('AccountId != null')).toHaveLength(4);
      expect(where('Type = NULL')).toEqual(['Globex - New', 'orphan deal']);
    });

    it('compares text case-insensitively', () => {
      expect(where("Name = 'ORPHAN DEAL'")).toEqual(['orphan deal']);
      expect(where("StageName = 'closed won'")).toEqual(['Acme - Renewal']);
      expect(where("Name != 'acme - renewal'")).not.toContain('Acme - Renewal');
      expect(where("Name > 'globex - new'")).toEqual(['Globex - Services', 'orphan deal']);
    });

    it('compares booleans', () => {
      expect(where('IsWon = true')).toEqual(['Acme - Renewal']);
      expect(where('IsClosed = false AND IsWon != TRUE')).toEqual(['Acme - Expansion', 'Globex - New', 'orphan deal']);
    });

    it('matches ids by their 15- or 18-character form', () => {
      expect(where("Id = '006000000000001AAA'")).toEqual(['Acme - Renewal']);
      expect(where("Id = '006000000000001'")).toEqual(['Acme - Renewal']);
      expect(where("OwnerId = '005000000000001'")).toEqual(['Acme - Expansion', 'Acme - Renewal']);
      expect(where("OwnerId != '005000000000001'")).toEqual(['Globex - New', 'Globex - Services', 'orphan deal']);
      expect(where("Id = '006000000000009AAA'")).toEqual([]);
    });

    it('compares date fields with date literals', () => {
      expect(where('CloseDate = 2026-03-31')).toEqual(['Acme - Renewal']);
      expect(where('CloseDate < 2026-03-31')).toEqual(['Globex - Services']);
      expect(where('CloseDate >= 2026-05-05')).toEqual(['Globex - New', 'orphan deal']);
    });

    it('compares datetime fields with datetime literals, honouring offsets', () => {
      expect(where('CreatedDate = 2026-04-15T08:00:00Z')).toEqual(['Globex - New']);
      expect(where('CreatedDate = 2026-04-15T10:00:00+02:00')).toEqual(['Globex - New']);
      expect(where('CreatedDate > 2026-04-14T23:59:59Z')).toEqual(['Globex - New']);
      expect(where('CreatedDate >= 2026-04-14T23:59:59Z')).toEqual(['Acme - Expansion', 'Globex - New']);
      expect(where('CreatedDate < 2026-01-01T00:00:00.000Z')).toEqual(['Globex - Services']);
    });
  });

  describe('relative date literals (now = 2026-04-15 12:00 UTC)', () => {
    it('covers the whole range with =, and the range ends with the other operators', () => {
      expect(where('CloseDate = THIS_QUARTER')).toEqual(['Acme - Expansion', 'Globex - New', 'orphan deal']);
      expect(where('CloseDate != THIS_QUARTER')).toEqual(['Acme - Renewal', 'Globex - Services']);
      expect(where('CloseDate > THIS_QUARTER')).toEqual([]);
      expect(where('CloseDate < THIS_QUARTER')).toEqual(['Acme - Renewal', 'Globex - Services']);
      expect(where('CloseDate <= THIS_MONTH')).toEqual(['Acme - Expansion', 'Acme - Renewal', 'Globex - Services']);
      expect(where('CloseDate >= NEXT_MONTH')).toEqual(['Globex - New', 'orphan deal']);
      expect(where('CloseDate = LAST_QUARTER')).toEqual(['Acme - Renewal', 'Globex - Services']);
    });

    it('applies to datetime fields over whole UTC days', () => {
      expect(where('CreatedDate = TODAY')).toEqual(['Globex - New']);
      expect(where('CreatedDate = YESTERDAY')).toEqual(['Acme - Expansion']);
      expect(where('CreatedDate = LAST_N_DAYS:1')).toEqual(['Acme - Expansion', 'Globex - New']);
      expect(where('CreatedDate = THIS_WEEK')).toEqual(['Acme - Expansion', 'Globex - New']);
      expect(where('CreatedDate = LAST_YEAR')).toEqual(['Globex - Services']);
      expect(where('CreatedDate > LAST_MONTH')).toEqual(['Acme - Expansion', 'Globex - New']);
    });

    it('handles NEXT_N_DAYS, N-quarter literals and fiscal literals', () => {
      expect(where('CloseDate = NEXT_N_DAYS:5')).toEqual(['Acme - Expansion']);
      expect(where('CloseDate = LAST_N_QUARTERS:1')).toEqual(['Acme - Renewal', 'Globex - Services']);
      expect(where('CloseDate = NEXT_N_QUARTERS:1')).toEqual([]);
      expect(where('CloseDate = THIS_FISCAL_QUARTER')).toEqual(where('CloseDate = THIS_QUARTER'));
      expect(where('CloseDate = THIS_FISCAL_YEAR AND CloseDate = LAST_FISCAL_YEAR')).toEqual([]);
    });

    it('honours the fiscal year start month', () => {
      const fiscal = (month: number) =>
        names('SELECT Name FROM Opportunity WHERE CloseDate = THIS_FISCAL_QUARTER ORDER BY Name', {
          fiscalYearStartMonth: month,
        });
      // Starting in February, the current fiscal quarter is Feb-Apr.
      expect(fiscal(2)).toEqual(['Acme - Expansion', 'Acme - Renewal', 'Globex - Services']);
    });

    it('accepts date literals in IN lists', () => {
      expect(where('CloseDate IN (LAST_MONTH, NEXT_MONTH)')).toEqual(['Acme - Renewal', 'orphan deal']);
    });
  });

  describe('IN and NOT IN', () => {
    it('matches any listed value, text case-insensitively', () => {
      expect(where("StageName IN ('prospecting', 'Closed Won')")).toEqual(['Acme - Renewal', 'Globex - New']);
      expect(where('Amount IN (30000, 50000)')).toEqual(['Acme - Renewal', 'Globex - Services']);
      expect(where("Id IN ('006000000000002', '006000000000005AAA')")).toEqual(['Acme - Expansion', 'orphan deal']);
      expect(where('CloseDate IN (2026-02-15, 2026-06-30)')).toEqual(['Globex - New', 'Globex - Services']);
      expect(where('IsWon IN (true)')).toEqual(['Acme - Renewal']);
    });

    it('NOT IN keeps nulls unless null is listed', () => {
      expect(where("Type NOT IN ('New Business')")).toEqual(['Acme - Renewal', 'Globex - New', 'orphan deal']);
      expect(where("Type NOT IN ('New Business', null)")).toEqual(['Acme - Renewal']);
      expect(where("Type IN ('Existing Business', null)")).toEqual(['Acme - Renewal', 'Globex - New', 'orphan deal']);
    });
  });

  describe('LIKE', () => {
    it('uses % and _ as wildcards, case-insensitively', () => {
      expect(where("Name LIKE 'acme%'")).toEqual(['Acme - Expansion', 'Acme - Renewal']);
      expect(where("Name LIKE '%DEAL'")).toEqual(['orphan deal']);
      expect(where("Name LIKE '%-%'")).toHaveLength(4);
      expect(where("Name LIKE 'Globex - ___'")).toEqual(['Globex - New']);
      expect(where("Name LIKE 'Globex'")).toEqual([]);
    });

    it('matches literal % and _ when escaped, and regex characters literally', () => {
      expect(where("Name LIKE 'Acme\\%'")).toEqual([]);
      expect(where("Name LIKE 'Acme - Renewa\\_'")).toEqual([]);
      expect(where("Name LIKE 'Acme . Renewal'")).toEqual([]);
      expect(where("Name LIKE '(%'")).toEqual([]);
    });

    it('never matches null', () => {
      expect(where("LeadSource LIKE '%'")).toEqual(['Acme - Expansion', 'Acme - Renewal', 'orphan deal']);
    });
  });

  describe('logic', () => {
    it('combines AND, OR, NOT and parentheses', () => {
      expect(where("StageName = 'Prospecting' OR StageName = 'Qualification'")).toEqual([
        'Globex - New',
        'orphan deal',
      ]);
      expect(where("(IsClosed = true OR Amount > 100000) AND OwnerId = '005000000000001AAA'")).toEqual([
        'Acme - Expansion',
        'Acme - Renewal',
      ]);
      expect(where("NOT Name LIKE 'Acme%'")).toEqual(['Globex - New', 'Globex - Services', 'orphan deal']);
      expect(where('NOT (Amount > 10000 OR Amount = null)')).toEqual(['orphan deal']);
      expect(where('Amount > 1 AND Amount < 100000 AND IsClosed = true')).toEqual([
        'Acme - Renewal',
        'Globex - Services',
      ]);
      expect(where('Amount = 1 OR Amount = 2 OR Probability = 10')).toEqual(['Globex - New']);
    });
  });

  describe('parent relationship fields', () => {
    it('filters on parent fields of any depth, case-insensitively', () => {
      expect(where("Owner.Name = 'Ana Silva'")).toEqual(['Acme - Expansion', 'Acme - Renewal']);
      expect(where("account.industry = 'banking'")).toEqual(['Globex - New', 'Globex - Services']);
      expect(where("Account.Owner.UserRole.Name = 'Sales VP'")).toEqual(['Acme - Expansion', 'Acme - Renewal']);
    });

    it('treats a missing parent as null', () => {
      expect(where('Account.Name = null')).toEqual(['orphan deal']);
      expect(where("Account.Name != 'Acme'")).toEqual(['Globex - New', 'Globex - Services', 'orphan deal']);
    });
  });

  describe('deleted rows', () => {
    it('skips the recycle bin unless includeDeleted (queryAll)', () => {
      const text = "SELECT Name FROM Opportunity WHERE Name LIKE 'Deleted%'";
      expect(names(text)).toEqual([]);
      expect(names(text, { includeDeleted: true })).toEqual(['Deleted deal']);
      expect(names('SELECT Name FROM Opportunity WHERE IsDeleted = true', { includeDeleted: true })).toEqual([
        'Deleted deal',
      ]);
    });
  });
});
