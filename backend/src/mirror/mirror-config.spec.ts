import { effectiveObjects } from './mirror-config';
import { loadOrder, MIRRORED_OBJECTS } from './mirrored-objects';
import { columnValue } from './column-values';

describe('mirror configuration', () => {
  it('mirrors every object with its default fields when nothing is configured', () => {
    const objects = effectiveObjects();
    expect(objects.map((o) => o.sobject)).toEqual(MIRRORED_OBJECTS.map((o) => o.sobject));
    expect(objects.every((o) => o.extraFields.length === 0)).toBe(true);
  });

  it('adds extra fields, turns objects off and polls what should not stream', () => {
    const objects = effectiveObjects({
      Opportunity: { extraFields: ['NextStep', 'StageName'] },
      Task: { changeEvents: false },
      Event: { enabled: false },
    });
    const byName = new Map(objects.map((o) => [o.sobject, o]));
    expect(byName.get('Opportunity')!.extraFields).toEqual(['NextStep']); // StageName is a typed column already
    expect(byName.get('Task')!.changeEvents).toBe(false);
    expect(byName.has('Event')).toBe(false);
  });

  it('names every mistake with its place in the file', () => {
    let message = '';
    try {
      effectiveObjects({
        Lead: {},
        Opportunity: { extraFields: ['Bad Name'] },
        OpportunityHistory: { changeEvents: true },
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('objects.Lead: not an object Pulse mirrors');
    expect(message).toContain('objects.Opportunity.extraFields: must be a list of field API names');
    expect(message).toContain('objects.OpportunityHistory.changeEvents: Salesforce publishes no change events');
  });

  it('orders parents before children', () => {
    const order = loadOrder().map((o) => o.sobject);
    for (const object of MIRRORED_OBJECTS) {
      for (const parent of object.parents) expect(order.indexOf(parent)).toBeLessThan(order.indexOf(object.sobject));
    }
  });
});

describe('columnValue', () => {
  it.each([
    ['boolean', 'true', true],
    ['boolean', false, false],
    ['numeric', '12.5', 12.5],
    ['integer', 7, 7],
    ['date', '2026-03-31', '2026-03-31'],
    ['timestamptz', '2026-03-31T12:00:00.000+0000', '2026-03-31T12:00:00.000Z'],
    ['timestamptz', 1_795_500_000_000, '2026-11-24T06:00:00.000Z'],
    ['text', '', null],
    ['id', null, null],
  ] as const)('%s %j -> %j', (type, value, expected) => {
    expect(columnValue(type, value, 'F')).toBe(expected);
  });

  it('refuses a value that is not of the type, naming the field', () => {
    expect(() => columnValue('numeric', 'lots', 'Opportunity.Amount')).toThrow(
      'Opportunity.Amount: "lots" is not a valid numeric',
    );
    expect(() => columnValue('integer', 1.5, 'Event.DurationInMinutes')).toThrow('is not a valid integer');
  });
});
