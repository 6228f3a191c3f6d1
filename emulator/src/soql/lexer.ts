// Turns SOQL text into tokens. Keywords are ordinary identifiers here; the parser recognises them by
// `upper`, because SOQL keywords are case-insensitive and most of them are not reserved everywhere.

import { SoqlError } from './errors.ts';

export type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The token as written (strings include their quotes). */
  text: string;
  /** Identifiers: upper-cased text for keyword matching. Others: same as text. */
  upper: string;
  /** Offset in the query text. */
  pos: number;
  /** string: unescaped value; number: the number; date: 'YYYY-MM-DD'; datetime: epoch milliseconds. */
  value: string | number;
  /** Strings only: the text between the quotes, escapes untouched (LIKE treats \% and \_ specially). */
  raw: string;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);

const PUNCT = new Set(['(', ')', ',', '.', ':']);

/** The escapes SOQL accepts in string literals, with what they stand for. */
export const STRING_ESCAPES = new Map<string, string>();
for (const [letter, ch] of Object.entries({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })) {
  STRING_ESCAPES.set(letter, ch).set(letter.toUpperCase(), ch); // \n and \N alike
}
for (const ch of `"'\\%_`) STRING_ESCAPES.set(ch, ch);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, value: string | number, raw = ''): void => {
    const t = text.slice(start, i);
    tokens.push({ kind, text: t, upper: kind === 'ident' ? t.toUpperCase() : t, pos: start, value, raw });
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const start = i;
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
    } else if (isIdentStart(c)) {
      while (i < text.length && isIdentPart(text.charCodeAt(i))) i++;
      push('ident', start, text.slice(start, i));
    } else if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(i + 1)))) {
      const temporal = scanTemporal(text, i);
      if (temporal) {
        i = temporal.end;
        push(temporal.kind, start, temporal.value);
      } else {
        i++;
        while (isDigit(text.charCodeAt(i))) i++;
        if (text[i] === '.' && isDigit(text.charCodeAt(i + 1))) {
          i++;
          while (isDigit(text.charCodeAt(i))) i++;
        }
        push('number', start, Number(text.slice(start, i)));
      }
    } else if (c === 39) {
      const { end, value } = scanString(text, i);
      i = end;
      push('string', start, value, text.slice(start + 1, end - 1));
    } else {
      const two = text.slice(i, i + 2);
      if (two === '!=' || two === '<>' || two === '<=' || two === '>=') {
        i += 2;
        push('op', start, two);
      } else if (text[i] === '=' || text[i] === '<' || text[i] === '>') {
        i++;
        push('op', start, text[start]);
      } else if (PUNCT.has(text[i])) {
        i++;
        push('punct', start, text[start]);
      } else {
        throw lexError(text, i, `no viable alternative at character '${text[i]}'`);
      }
    }
  }
  tokens.push({ kind: 'eof', text: '<EOF>', upper: '<EOF>', pos: text.length, value: '', raw: '' });
  return tokens;
}

/** Salesforce's lexer errors come from ANTLR: "line 1:12 ..." with a 0-based column and no caret. */
function lexError(text: string, pos: number, what: string): SoqlError {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const line = text.slice(0, lineStart).split('\n').length;
  return new SoqlError('MALFORMED_QUERY', `line ${line}:${pos - lineStart} ${what}`);
}

function scanString(text: string, open: number): { end: number; value: string } {
  let value = '';
  let i = open + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "'") return { end: i + 1, value };
    if (ch !== '\\') {
      value += ch;
      i++;
      continue;
    }
    const next = text[i + 1] ?? '';
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
      i += 6;
    } else if (STRING_ESCAPES.has(next)) {
      value += STRING_ESCAPES.get(next);
      i += 2;
    } else {
      const literal = text.slice(open, text.indexOf("'", i + 1) + 1 || text.length);
      throw new SoqlError(
        'MALFORMED_QUERY',
        `Invalid string literal ${literal}. Illegal character sequence '\\${next}' in string literal.`,
      );
    }
  }
  throw lexError(text, text.length, `mismatched character '<EOF>' expecting '''`);
}

/** Date `2026-03-31` or datetime `2026-03-31T12:00:00[.000](Z|+01:00|-0800)`, validated; else undefined. */
function scanTemporal(
  text: string,
  start: number,
): { kind: 'date' | 'datetime'; value: string | number; end: number } | undefined {
  const digits = (at: number, n: number): number => {
    for (let k = 0; k < n; k++) if (!isDigit(text.charCodeAt(at + k))) return NaN;
    return Number(text.slice(at, at + n));
  };
  const year = digits(start, 4);
  if (Number.isNaN(year) || text[start + 4] !== '-' || text[start + 7] !== '-') return undefined;
  const month = digits(start + 5, 2);
  const day = digits(start + 8, 2);
  if (Number.isNaN(month) || Number.isNaN(day) || isDigit(text.charCodeAt(start + 10))) return undefined;
  const badDate = month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate();
  const date = text.slice(start, start + 10);
  if (text[start + 10] !== 'T') {
    if (badDate) throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${date}'`);
    return { kind: 'date', value: date, end: start + 10 };
  }
  let i = start + 11;
  const hh = digits(i, 2);
  const mm = text[i + 2] === ':' ? digits(i + 3, 2) : NaN;
  const ss = text[i + 5] === ':' ? digits(i + 6, 2) : NaN;
  i += 8;
  let millis = 0;
  if (text[i] === '.' && isDigit(text.charCodeAt(i + 1))) {
    let j = i + 1;
    while (isDigit(text.charCodeAt(j))) j++;
    millis = Math.round(Number(`0${text.slice(i, j)}`) * 1000);
    i = j;
  }
  let offsetMinutes = NaN;
  if (text[i] === 'Z' || text[i] === 'z') {
    offsetMinutes = 0;
    i++;
  } else if (text[i] === '+' || text[i] === '-') {
    const sign = text[i] === '-' ? -1 : 1;
    const oh = digits(i + 1, 2);
    const colon = text[i + 3] === ':' ? 1 : 0;
    const om = digits(i + 3 + colon, 2);
    offsetMinutes = sign * (oh * 60 + om);
    i += 5 + colon;
  }
  const bad = badDate || !(hh < 24 && mm < 60 && ss < 60) || Number.isNaN(offsetMinutes);
  if (bad) {
    let end = i;
    while (end < text.length && !/[\s,)]/.test(text[end])) end++;
    throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${text.slice(start, end)}'`);
  }
  const utc = Date.UTC(year, month - 1, day, hh, mm, ss, millis) - offsetMinutes * 60_000;
  return { kind: 'datetime', value: utc, end: i };
}
