// Salesforce reports query errors with an errorCode and, when it knows where the problem is, a message
// that quotes the query line with a caret under the offending column. Clients (jsforce, the Pulse
// backend) only show or match the message, so we reproduce that shape.

export type SoqlErrorCode = 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE';

export class SoqlError extends Error {
  readonly errorCode: SoqlErrorCode;
  /** The message without the quoted query and caret (what tests and logs usually want). */
  readonly reason: string;
  /** 1-based position of the offending token, when known. */
  readonly row: number | undefined;
  readonly column: number | undefined;

  constructor(errorCode: SoqlErrorCode, reason: string, where?: { text: string; pos: number }) {
    const at = where ? locate(where.text, where.pos) : undefined;
    super(
      at
        ? `\n${at.line}\n${' '.repeat(at.column - 1)}^\nERROR at Row:${at.row}:Column:${at.column}\n${reason}`
        : reason,
    );
    this.name = 'SoqlError';
    this.errorCode = errorCode;
    this.reason = reason;
    this.row = at?.row;
    this.column = at?.column;
  }
}

function locate(text: string, pos: number): { line: string; row: number; column: number } {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  let lineEnd = text.indexOf('\n', pos);
  if (lineEnd < 0) lineEnd = text.length;
  let row = 1;
  for (let i = 0; i < lineStart; i++) if (text.charCodeAt(i) === 10) row++;
  return { line: text.slice(lineStart, lineEnd), row, column: pos - lineStart + 1 };
}

/** Where in the query text an error points; every AST node carries `pos`. */
export interface ErrorSite {
  text: string;
  pos: number;
}

export const unexpectedToken = (token: string, site: ErrorSite): SoqlError =>
  new SoqlError('MALFORMED_QUERY', `unexpected token: '${token}'`, site);

export const noSuchColumn = (field: string, entity: string, site: ErrorSite): SoqlError =>
  new SoqlError(
    'INVALID_FIELD',
    `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to ` +
      `append the '__c' after the custom field name. Please reference your WSDL or the describe call for the ` +
      `appropriate names.`,
    site,
  );

export const unknownRelationship = (name: string, site: ErrorSite): SoqlError =>
  new SoqlError(
    'INVALID_FIELD',
    `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, ` +
      `be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe ` +
      `call for the appropriate names.`,
    site,
  );

export const unsupportedSObject = (name: string, site: ErrorSite): SoqlError =>
  new SoqlError(
    'INVALID_TYPE',
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append ` +
      `the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    site,
  );
