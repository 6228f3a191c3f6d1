import { SoqlError } from './errors.ts';
import { failure, query } from './test-fixtures.ts';

describe('query errors', () => {
  it('rejects an unknown sObject with INVALID_TYPE, pointing at it', () => {
    expect(failure('SELECT Id FROM Opportunityy')).toEqual({
      errorCode: 'INVALID_TYPE',
      reason:
        "sObject type 'Opportunityy' is not supported. If you are attempting to use a custom object, be sure to append " +
        "the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
      message: expect.stringContaining('\nSELECT Id FROM Opportunityy\n               ^\nERROR at Row:1:Column:16\n'),
    });
  });

  it('rejects an unknown field with INVALID_FIELD, naming the entity', () => {
    const err = failure('SELECT Id, Amout FROM Opportunity');
    expect(err.errorCode).toBe('INVALID_FIELD');
    expect(err.reason).toBe(
      "No such column 'Amout' on entity 'Opportunity'. If you are attempting to use a custom field, be sure to append " +
        "the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
    );
    expect(err.message).toContain('ERROR at Row:1:Column:12');
  });

  it('names the parent entity for an unknown field on a relationship', () => {
    const err = failure('SELECT Owner.Nmae FROM Opportunity');
    expect(err.reason).toMatch(/^No such column 'Nmae' on entity 'User'\./);
    expect(err.message).toContain('ERROR at Row:1:Column:14');
  });

  it('rejects an unknown relationship', () => {
    const err = failure("SELECT Id FROM Opportunity WHERE Ownr.Name = 'x'");
    expect(err.errorCode).toBe('INVALID_FIELD');
    expect(err.reason).toMatch(/^Didn't understand relationship 'Ownr' in field path\./);
  });

  it('rejects an unknown field in WHERE, ORDER BY and GROUP BY', () => {
    expect(failure('SELECT Id FROM Opportunity WHERE Stage = null').reason).toMatch(/^No such column 'Stage'/);
    expect(failure('SELECT Id FROM Opportunity ORDER BY Stage').reason).toMatch(/^No such column 'Stage'/);
    expect(failure('SELECT COUNT(Id) FROM Opportunity GROUP BY Stage').reason).toMatch(/^No such column 'Stage'/);
  });

  it('requires non-aggregated fields of aggregate queries to be grouped', () => {
    expect(failure('SELECT Name, COUNT(Id) FROM Opportunity')).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      reason: 'Field must be grouped or aggregated: Name',
    });
    expect(failure('SELECT StageName, Name FROM Opportunity GROUP BY StageName').reason).toBe(
      'Field must be grouped or aggregated: Name',
    );
    expect(failure('SELECT StageName FROM Opportunity GROUP BY StageName ORDER BY Name').reason).toBe(
      'Ordered field must be grouped or aggregated: Name',
    );
    expect(failure("SELECT StageName FROM Opportunity GROUP BY StageName HAVING Name = 'x'").reason).toBe(
      'Having field must be grouped or aggregated: Name',
    );
  });

  describe('literal types', () => {
    it.each([
      ['CloseDate > 2026-01-01T00:00:00Z', 'CloseDate', 'date', 'not '],
      ["CloseDate = '2026-01-01'", 'CloseDate', 'date', 'not '],
      ['CreatedDate > 2026-01-01', 'CreatedDate', 'dateTime', 'not '],
      ['Name = 5', 'Name', 'string', ''],
      ['StageName IN (1, 2)', 'StageName', 'string', ''],
      ['OwnerId = 5', 'OwnerId', 'id', ''],
      ["Amount = '5'", 'Amount', 'double', 'not '],
      ['Amount = TODAY', 'Amount', 'double', 'not '],
      ["IsWon = 'true'", 'IsWon', 'boolean', 'not '],
      ['Name = TODAY', 'Name', 'string', ''],
      ["Amount LIKE '5%'", 'Amount', 'double', 'not '],
    ])('%s', (condition, field, type, not) => {
      const err = failure(`SELECT Id FROM Opportunity WHERE ${condition}`);
      expect(err.errorCode).toBe('INVALID_FIELD');
      expect(err.reason).toBe(
        `value of filter criterion for field '${field}' must be of type ${type} and should ${not}be enclosed in quotes`,
      );
    });

    it('checks HAVING literals against the aggregate', () => {
      expect(failure("SELECT OwnerId FROM Opportunity GROUP BY OwnerId HAVING COUNT(Id) > 'x'").reason).toBe(
        "value of filter criterion for field 'COUNT(Id)' must be of type integer and should not be enclosed in quotes",
      );
    });
  });

  it('rejects operators that do not suit the field', () => {
    expect(failure("SELECT Id FROM Opportunity WHERE OwnerId LIKE '005%'")).toMatchObject({
      errorCode: 'INVALID_FIELD',
      reason: 'invalid operator on id field',
    });
    expect(failure("SELECT Id FROM Opportunity WHERE StageName INCLUDES ('a')").reason).toBe(
      'includes or excludes operator only valid on multipicklist field',
    );
    expect(failure('SELECT SUM(Name) FROM Opportunity').reason).toBe(
      'field Name does not support aggregate operator SUM',
    );
    expect(failure('SELECT MAX(IsWon) FROM Opportunity').reason).toBe(
      'field IsWon does not support aggregate operator MAX',
    );
  });

  it('rejects aggregates where they cannot go', () => {
    expect(failure('SELECT Id FROM Opportunity WHERE COUNT(Id) > 1').errorCode).toBe('MALFORMED_QUERY');
    expect(failure('SELECT Id FROM Opportunity ORDER BY COUNT(Id)').errorCode).toBe('MALFORMED_QUERY');
    expect(failure('SELECT COUNT(), Id FROM Opportunity').reason).toBe(
      'COUNT() must be the only element in the SELECT list',
    );
  });

  it('rejects aliases outside aggregate queries, duplicate fields and duplicate aliases', () => {
    expect(failure('SELECT Name n FROM Opportunity').reason).toBe('Only aggregate expressions use field aliasing');
    expect(failure('SELECT Name, name FROM Opportunity').reason).toBe('duplicate field selected: Name');
    expect(failure('SELECT COUNT(Id) n, SUM(Amount) N FROM Opportunity').reason).toBe('duplicate alias: N');
  });

  it('throws SoqlError instances carrying the errorCode', () => {
    expect(() => query('SELECT Id FROM Nothing')).toThrow(SoqlError);
    expect(() => query('SELECT Id FROM Opportunity WHERE')).toThrow(
      expect.objectContaining({ errorCode: 'MALFORMED_QUERY' }),
    );
  });
});
