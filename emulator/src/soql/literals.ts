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

/**
 * Reads a LIKE pattern's raw text (`%` and `_` are wildcards, `\%` and `\_` are themselves) into a
 * case-insensitive matcher. It matches greedily with one backtrack point, so time stays
 * proportional to pattern x value: a regular expression would backtrack exponentially on
 * patterns like '%_%_%_%_zzz' and stall the server.
 */
export function likePattern(raw: string): (value: string) => boolean {
  const tokens: string[] = []; // '%' any run, '_' any one character, otherwise a literal character
  const literal: boolean[] = [];
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    let text = ch;
    if (ch === '\\' && raw[i + 1] === 'u') {
      text = String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (ch === '\\') {
      text = STRING_ESCAPES.get(raw[++i]) ?? raw[i];
    }
    tokens.push(text.toLowerCase());
    literal.push(ch === '\\' || (ch !== '%' && ch !== '_'));
  }
  return (input) => {
    const value = input.toLowerCase();
    let p = 0;
    let v = 0;
    let star = -1;
    let resume = 0;
    while (v < value.length) {
      if (p < tokens.length && (literal[p] ? tokens[p] === value[v] : tokens[p] === '_')) {
        p++;
        v++;
      } else if (p < tokens.length && !literal[p] && tokens[p] === '%') {
        star = p++;
        resume = v;
      } else if (star >= 0) {
        p = star + 1;
        v = ++resume;
      } else {
        return false;
      }
    }
    while (p < tokens.length && !literal[p] && tokens[p] === '%') p++;
    return p === tokens.length;
  };
}
