import type { SObjectRecord } from '../org/schema.ts';
import { executeSoql } from './execute.ts';
import { ANA, memorySource, names, query } from './test-fixtures.ts';

describe('SELECT results', () => {
  it('shapes records like REST: attributes first, then fields in SELECT order with describe casing', () => {
    const { records, totalSize, sobject } = query(
      "select stagename, ID, amount from OPPORTUNITY where name = 'acme - renewal'",
    );
    expect(sobject).toBe('Opportunity');
    expect(totalSize).toBe(1);
    expect(records).toEqual([
      {
        attributes: { type: 'Opportunity', url: '/services/data/v66.0/sobjects/Opportunity/006000000000001AAA' },
        StageName: 'Closed Won',
        Id: '006000000000001AAA',
        Amount: 50000,
      },
    ]);
    expect(Object.keys(records[0])).toEqual(['attributes', 'StageName', 'Id', 'Amount']);
  });

  it('uses the API version from the options in urls', () => {
    const [record] = query('SELECT Id FROM User LIMIT 1', { apiVersion: '60.0' }).records;
    expect(record.attributes).toEqual({ type: 'User', url: `/services/data/v60.0/sobjects/User/${ANA}` });
  });

  it('returns null for null fields', () => {
    const [record] = query("SELECT Amount, Type FROM Opportunity WHERE Name = 'Globex - New'").records;
    expect(record).toMatchObject({ Amount: null, Type: null });
  });

  it('nests parent fields under the relationship, one object per parent, null when there is none', () => {
    const { records } = query(
      'SELECT Name, Owner.Name, Account.Name, Owner.Email, Account.Owner.UserRole.Name FROM Opportunity ' +
        "WHERE Name IN ('Acme - Renewal', 'orphan deal') ORDER BY Name",
    );
    expect(records[0]).toEqual({
      attributes: { type: 'Opportunity', url: '/services/data/v66.0/sobjects/Opportunity/006000000000001AAA' },
      Name: 'Acme - Renewal',
      Owner: {
        attributes: { type: 'User', url: '/services/data/v66.0/sobjects/User/005000000000001AAA' },
        Name: 'Ana Silva',
        Email: 'ana@example.com',
      },
      Account: {
        attributes: { type: 'Account', url: '/services/data/v66.0/sobjects/Account/001000000000001AAA' },
        Name: 'Acme',
        Owner: {
          attributes: { type: 'User', url: '/services/data/v66.0/sobjects/User/005000000000001AAA' },
          UserRole: {
            attributes: { type: 'UserRole', url: '/services/data/v66.0/sobjects/UserRole/00E000000000001AAA' },
            Name: 'Sales VP',
          },
        },
      },
    });
    expect(Object.keys(records[0])).toEqual(['attributes', 'Name', 'Owner', 'Account']);
    expect(records[1]).toMatchObject({ Name: 'orphan deal', Account: null, Owner: { Name: 'Bruno Costa' } });
  });

  it('shows a null reference deeper in the path as null inside its parent', () => {
    const [record] = query("SELECT Account.Owner.UserRole.Name FROM Opportunity WHERE Name = 'Globex - New'").records;
    expect(record.Account).toMatchObject({ Owner: { UserRole: null } });
  });

  it('accepts a field qualified with the queried object', () => {
    expect(query('SELECT Opportunity.Name FROM Opportunity WHERE Opportunity.Amount = 50000').records[0].Name).toBe(
      'Acme - Renewal',
    );
  });
});

describe('ORDER BY', () => {
  const ordered = (orderBy: string) => names(`SELECT Name FROM Opportunity ORDER BY ${orderBy}`);

  it('sorts ascending by default with nulls first', () => {
    expect(ordered('Amount')).toEqual([
      'Globex - New',
      'orphan deal',
      'Globex - Services',
      'Acme - Renewal',
      'Acme - Expansion',
    ]);
  });

  it('sorts descending with nulls last by default', () => {
    expect(ordered('Amount DESC')).toEqual([
      'Acme - Expansion',
      'Acme - Renewal',
      'Globex - Services',
      'orphan deal',
      'Globex - New',
    ]);
  });

  it('honours NULLS FIRST / NULLS LAST in both directions', () => {
    expect(ordered('Amount ASC NULLS LAST').at(-1)).toBe('Globex - New');
    expect(ordered('Amount DESC NULLS FIRST')[0]).toBe('Globex - New');
  });

  it('sorts text case-insensitively', () => {
    expect(ordered('Name DESC')).toEqual([
      'orphan deal',
      'Globex - Services',
      'Globex - New',
      'Acme - Renewal',
      'Acme - Expansion',
    ]);
  });

  it('sorts picklists in the order their values are defined, not alphabetically', () => {
    expect(ordered('StageName')).toEqual([
      'Globex - New',
      'orphan deal',
      'Acme - Expansion',
      'Acme - Renewal',
      'Globex - Services',
    ]);
  });

  it('sorts by several keys, dates, datetimes, booleans and parent fields', () => {
    expect(ordered('IsClosed DESC, CloseDate')).toEqual([
      'Globex - Services',
      'Acme - Renewal',
      'Acme - Expansion',
      'orphan deal',
      'Globex - New',
    ]);
    expect(ordered('CreatedDate DESC LIMIT 2')).toEqual(['Globex - New', 'Acme - Expansion']);
    expect(ordered('Account.Name DESC NULLS LAST, Name')).toEqual([
      'Globex - New',
      'Globex - Services',
      'Acme - Expansion',
      'Acme - Renewal',
      'orphan deal',
    ]);
  });

  it('keeps the scan order for ties (stable)', () => {
    expect(ordered('OwnerId')).toEqual([
      'Acme - Renewal',
      'Acme - Expansion',
      'Globex - New',
      'Globex - Services',
      'orphan deal',
    ]);
  });
});

describe('LIMIT and OFFSET', () => {
  it('pages after sorting', () => {
    expect(names('SELECT Name FROM Opportunity ORDER BY Name LIMIT 2')).toEqual(['Acme - Expansion', 'Acme - Renewal']);
    expect(names('SELECT Name FROM Opportunity ORDER BY Name LIMIT 2 OFFSET 2')).toEqual([
      'Globex - New',
      'Globex - Services',
    ]);
    expect(names('SELECT Name FROM Opportunity ORDER BY Name OFFSET 4')).toEqual(['orphan deal']);
    expect(names('SELECT Name FROM Opportunity LIMIT 0')).toEqual([]);
  });

  it('reports totalSize as the number of records returned', () => {
    expect(query('SELECT Id FROM Opportunity LIMIT 3').totalSize).toBe(3);
    expect(query('SELECT Id FROM Opportunity OFFSET 10').totalSize).toBe(0);
  });

  it('stops scanning once an unsorted page is full', () => {
    let scanned = 0;
    const rows: SObjectRecord[] = Array.from({ length: 1000 }, (_, i) => ({
      Id: `001${String(i).padStart(15, '0')}`,
      Name: `A${i}`,
      IsDeleted: false,
    }));
    const source = memorySource({});
    source.scan = function* () {
      for (const row of rows) {
        scanned++;
        yield row;
      }
    };
    const result = executeSoql('SELECT Name FROM Account LIMIT 5 OFFSET 10', source, {
      includeDeleted: false,
      apiVersion: '66.0',
    });
    expect(result.records.map((r) => r.Name)).toEqual(['A10', 'A11', 'A12', 'A13', 'A14']);
    expect(scanned).toBe(15);
  });
});

describe('COUNT()', () => {
  it('returns the count as totalSize and no records', () => {
    expect(query('SELECT COUNT() FROM Opportunity')).toEqual({ sobject: 'Opportunity', totalSize: 5, records: [] });
    expect(query("SELECT COUNT() FROM Opportunity WHERE Owner.Name = 'Ana Silva'").totalSize).toBe(2);
    expect(query('SELECT COUNT() FROM Opportunity', { includeDeleted: true }).totalSize).toBe(6);
  });

  it('is capped by LIMIT and reduced by OFFSET', () => {
    expect(query('SELECT COUNT() FROM Opportunity LIMIT 3').totalSize).toBe(3);
    expect(query('SELECT COUNT() FROM Opportunity OFFSET 4').totalSize).toBe(1);
  });

  it('counts groups when grouped', () => {
    expect(query('SELECT COUNT() FROM Opportunity GROUP BY OwnerId')).toEqual({
      sobject: 'Opportunity',
      totalSize: 2,
      records: [],
    });
  });
});
