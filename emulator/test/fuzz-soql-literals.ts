// SOQL literals as text for the fuzzers: of a field's own type (mostly values the org holds) or of
// any type at all, dates and datetimes in the documented formats, and every relative date literal.
import fc from 'fast-check';
import { kindOf, type FieldPath, type Vocabulary } from './fuzz-soql-vocabulary.ts';

export const quote = (s: string): string => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const isoDate = (d: Date): string => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

const DAYS = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2040-12-31T23:59:59Z'),
  noInvalidDate: true,
});

/** Every relative date literal Salesforce documents; the `:n` ones take a count. */
const PLAIN_DATE_LITERALS = ['YESTERDAY', 'TODAY', 'TOMORROW', 'LAST_90_DAYS', 'NEXT_90_DAYS'];
const UNITS = ['WEEK', 'MONTH', 'QUARTER', 'YEAR', 'FISCAL_QUARTER', 'FISCAL_YEAR'];
for (const unit of UNITS) for (const mode of ['THIS', 'LAST', 'NEXT']) PLAIN_DATE_LITERALS.push(`${mode}_${unit}`);
const N_DATE_LITERALS = ['DAY', ...UNITS].flatMap((u) => [`LAST_N_${u}S`, `NEXT_N_${u}S`, `N_${u}S_AGO`]);

export const dateLiteral = (maxN = 400): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...PLAIN_DATE_LITERALS),
    fc.tuple(fc.constantFrom(...N_DATE_LITERALS), fc.nat({ max: maxN })).map(([name, n]) => `${name}:${n}`),
  );

const dateTimeText = (ms: number, offsetMinutes: number): string => {
  const local = new Date(ms + offsetMinutes * 60_000);
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = offsetMinutes === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${isoDate(local)}T${time}${zone}`;
};

const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 10_000_000 }).map(String),
  fc.tuple(fc.integer({ min: -100_000, max: 1_000_000 }), fc.nat({ max: 99 })).map(([i, f]) => `${i}.${pad(f)}`),
);

/** A literal of the field's own type: sampled from the org (so filters hit rows) or made up. */
export function literalFor(vocab: Vocabulary, sobject: string, fp: FieldPath): fc.Arbitrary<string> {
  const samples = vocab.samples(sobject, fp);
  // Mostly values the org holds, so that filters select some rows rather than none.
  const sampled = <T>(render: (value: T) => string, made: fc.Arbitrary<string>) =>
    samples.length
      ? fc.oneof(
          { arbitrary: fc.constantFrom(...(samples as T[])).map(render), weight: 3 },
          { arbitrary: made, weight: 1 },
        )
      : made;
  switch (kindOf(fp.field)) {
    case 'number':
      return sampled<number>(String, number);
    case 'boolean':
      return fc.constantFrom('TRUE', 'FALSE', 'true', 'false');
    case 'date':
      return fc.oneof(sampled<string>(String, DAYS.map(isoDate)), dateLiteral());
    case 'datetime': {
      const made = fc.tuple(DAYS, fc.integer({ min: -12, max: 14 })).map(([d, h]) => dateTimeText(d.getTime(), h * 60));
      return fc.oneof(
        sampled<string>((v) => dateTimeText(Date.parse(v), 0), made),
        dateLiteral(),
      );
    }
    case 'picklist':
      return sampled<string>(quote, fc.constantFrom(...(fp.field.picklistValues ?? ['x'])).map(quote));
    case 'id':
      return sampled<string>((id) => quote(id), fc.stringMatching(/^[a-zA-Z0-9]{15}$/).map(quote));
    case 'compound':
      return anyLiteral;
    default:
      return sampled<string>(quote, fc.string({ maxLength: 12 }).map(quote));
  }
}

/** A literal of any kind at all, for the type mismatches Salesforce refuses. */
export const anyLiteral: fc.Arbitrary<string> = fc.oneof(
  number,
  fc.constantFrom('TRUE', 'FALSE', 'NULL', 'null'),
  DAYS.map(isoDate),
  DAYS.map((d) => dateTimeText(d.getTime(), 0)),
  dateLiteral(),
  dateLiteral(2 ** 31 - 1),
  fc.string({ maxLength: 12 }).map(quote),
);
