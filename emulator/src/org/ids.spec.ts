import { IdGenerator, caseSafeSuffix, isSalesforceId, to18 } from './ids.ts';

describe('Salesforce ids', () => {
  it('adds the case-safe suffix Salesforce computes', () => {
    // Pairs as Salesforce itself shows them (CASESAFEID in a formula field).
    expect(to18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(to18('0015000000Gv7qJ')).toBe('0015000000Gv7qJAAR');
    expect(caseSafeSuffix('000000000000000')).toBe('AAA');
  });

  it('leaves an 18-character id as it is', () => {
    expect(to18('001A0000006Vm9rIAC')).toBe('001A0000006Vm9rIAC');
  });

  it('recognises valid ids and refuses a wrong suffix', () => {
    expect(isSalesforceId('001A0000006Vm9r')).toBe(true);
    expect(isSalesforceId('001A0000006Vm9rIAC')).toBe(true);
    expect(isSalesforceId('001A0000006Vm9rAAA')).toBe(false);
    expect(isSalesforceId("001' OR 1=1")).toBe(false);
  });

  it('generates distinct, valid ids with the key prefix', () => {
    const ids = new IdGenerator();
    const made = Array.from({ length: 100 }, () => ids.next('006'));
    expect(new Set(made).size).toBe(100);
    for (const id of made) {
      expect(id.startsWith('006')).toBe(true);
      expect(isSalesforceId(id)).toBe(true);
    }
  });
});
