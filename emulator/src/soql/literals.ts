// Checks that a literal suits the field it is compared with, as Salesforce does before running a query
// (`Name = 5`, `CloseDate > 2026-01-01T00:00:00Z` and `CreatedDate > 2026-01-01` are all rejected).

import type { Literal } from './ast.ts';
import { SoqlError } from './errors.ts';
import { STRING_ESCAPES } from './lexer.ts';
import { filterTypeName, kindOf } from './values.ts';
import type { BoundOperand, ValueKind } from './values.ts';

/** Literal kinds each value kind accepts (null is always accepted). */
const ACCEPTS: Record<ValueKind, ReadonlyArray<Literal['kind']>> = {
  text: ['string'],
  id: ['string'],
  multipicklist: ['string'],
  number: ['number'],
  boolean: ['boolean'],
  date: ['date', 'dateLiteral'],
  datetime: ['datetime', 'dateLiteral'],
};

export function checkLiteral(
  operand: Pick<BoundOperand<unknown>, 'type' | 'label'>,
  literal: Literal,
  text: string,
): void {
  const kind = kindOf(operand.type);
  if (literal.kind === 'null' || ACCEPTS[kind].includes(literal.kind)) return;
  const quoted = kind === 'text' || kind === 'id' || kind === 'multipicklist';
  throw new SoqlError(
    'INVALID_FIELD',
    `value of filter criterion for field '${operand.label}' must be of type ${filterTypeName(operand.type)} ` +
      `and should ${quoted ? '' : 'not '}be enclosed in quotes`,
    { text, pos: literal.pos },
  );
}

/** Reads a LIKE pattern's raw text: `%` and `_` are wildcards, `\%` and `\_` are themselves. */
export function likePattern(raw: string): RegExp {
  let source = '^';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else if (ch !== '\\') source += escapeRegExp(ch);
    else if (raw[i + 1] === 'u') {
      source += escapeRegExp(String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16)));
      i += 5;
    } else {
      source += escapeRegExp(STRING_ESCAPES.get(raw[++i]) ?? raw[i]);
    }
  }
  return new RegExp(`${source}$`, 'i');
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
