import { effectiveObjects } from '../../mirror/mirror-config';
import { copySql, parseHeader, stagingTableSql, upsertFromStageSql } from './staging-sql';

const opportunity = effectiveObjects({ Opportunity: { extraFields: ['NextStep', 'IsPrivate', 'FiscalYear'] } }).find(
  (o) => o.sobject === 'Opportunity',
)!;
const kinds = new Map([
  ['NextStep', 'text' as const],
  ['IsPrivate', 'boolean' as const],
  ['FiscalYear', 'number' as const],
]);

describe('staging SQL', () => {
  it('reads a Bulk API header row, quoted or not', () => {
    expect(parseHeader('"Id","Name","Account.Name"\r')).toEqual(['Id', 'Name', 'Account.Name']);
    expect(parseHeader('Id,Name')).toEqual(['Id', 'Name']);
  });

  it('stages text columns in the page order and copies CSV with its header', () => {
    expect(stagingTableSql(['Id', 'Amount'])).toBe(
      'CREATE TEMP TABLE pulse_load_stage ("Id" text, "Amount" text) ON COMMIT DROP',
    );
    expect(copySql(['Id', 'Amount'])).toBe(
      'COPY pulse_load_stage ("Id", "Amount") FROM STDIN WITH (FORMAT csv, HEADER true)',
    );
  });

  it('refuses column names that are not Salesforce field names', () => {
    expect(() => stagingTableSql(['Id', 'x"; DROP TABLE opportunity; --'])).toThrow('Unexpected column');
  });

  it('casts, maps absent fields to NULL, keeps extras as JSON and guards by SystemModstamp', () => {
    const sql = upsertFromStageSql(
      opportunity,
      ['Id', 'amount', 'CloseDate', 'NextStep', 'FiscalYear', 'SystemModstamp', 'IsDeleted'],
      kinds,
    );
    expect(sql).toContain(`NULLIF(s."amount", '')::numeric`); // field names match case-insensitively
    expect(sql).toContain(`NULLIF(s."CloseDate", '')::date`);
    expect(sql).toContain('NULL::text'); // StageName is not in this page
    expect(sql).toContain(
      `jsonb_build_object('NextStep', NULLIF(s."NextStep", ''), 'FiscalYear', NULLIF(s."FiscalYear", '')::numeric)`,
    );
    expect(sql).toContain(`COALESCE(s."IsDeleted" = 'true', false)`);
    expect(sql).toContain(
      'amount = CASE WHEN opportunity.system_modstamp <= EXCLUDED.system_modstamp THEN EXCLUDED.amount ELSE opportunity.amount END',
    );
    expect(sql).toContain('last_synced_at = EXCLUDED.last_synced_at');
  });

  it('needs Id and SystemModstamp', () => {
    expect(() => upsertFromStageSql(opportunity, ['Id', 'Name'], kinds)).toThrow('lack Id or SystemModstamp');
  });
});
