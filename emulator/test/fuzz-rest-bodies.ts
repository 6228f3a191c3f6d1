// Request bodies for sObject writes: mostly the object's own fields with values of the right type
// (so some writes succeed), mixed with wrong types, huge and odd values, unknown and hostile keys,
// JSON that is not an object, and text that is not JSON at all.
import fc from 'fast-check';
import { describeSObject, type FieldDescribe } from '../src/org/schema.ts';

const day = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

function valueOfType(f: FieldDescribe, ids: string[]): fc.Arbitrary<unknown> {
  switch (f.type) {
    case 'boolean':
      return fc.boolean();
    case 'int':
      return fc.integer();
    case 'double':
    case 'currency':
    case 'percent':
      return fc.oneof(fc.integer({ min: -1e6, max: 1e9 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'date':
      return day.map((iso) => iso.slice(0, 10));
    case 'datetime':
      return day;
    case 'id':
    case 'reference':
      return fc.oneof(fc.constantFrom(...ids), fc.stringMatching(/^[a-zA-Z0-9]{15,18}$/));
    case 'picklist':
    case 'multipicklist':
      return f.picklistValues?.length ? fc.constantFrom(...f.picklistValues) : fc.string({ maxLength: 20 });
    default:
      return fc.string({ maxLength: 40 });
  }
}

/** Values no field takes as they are. */
const odd: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(1e308, -1e308, 5e-324, 2 ** 53 + 1, -0, 0.1 + 0.2),
  fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '2026-01-01T25:61:00Z', '+275760-09-13', '1e3', ''),
  fc.constant('x'.repeat(100_000)),
);

const HOSTILE_KEYS = ['attributes', 'Id', 'IsDeleted', 'CreatedDate', '__proto__', 'constructor', 'toString', ''];

/** An sObject body as JSON text; `ids` are record ids of the org, for reference fields. */
export function sobjectBody(
  sobject: string,
  ids: string[],
  required: Record<string, unknown> = {},
): fc.Arbitrary<string> {
  const fields = describeSObject(sobject)!.fields;
  const entry = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .constantFrom(...fields)
        .chain((f) =>
          fc.tuple(
            fc.constantFrom(f.name, f.name.toLowerCase()),
            fc.oneof({ weight: 3, arbitrary: valueOfType(f, ids) }, { weight: 1, arbitrary: odd }),
          ),
        ),
    },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string()), odd) },
  );
  const object = fc
    .tuple(fc.boolean(), fc.array(entry, { maxLength: 6 }))
    .map(([base, entries]) =>
      JSON.stringify(Object.fromEntries([...(base ? Object.entries(required) : []), ...entries])),
    );
  return fc.oneof(
    { weight: 8, arbitrary: object },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom('', '{', '{"Name":', 'null', '[]', '{"__proto__":{"x":1}}', '{"a":1}{"b":2}', "{'Name':'x'}"),
        fc.string(),
        fc.constant(`{"Name":"${'y'.repeat(1_100_000)}"}`),
      ),
    },
  );
}

/** Content types a client might send a JSON body with, right and wrong. */
export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/json; charset=UTF-8') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      undefined,
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin-9',
      'x/y',
    ),
  },
);
