// Reduces every error shape the platform hands a component to plain messages, so components
// never dig into error.body themselves.

interface Messaged {
  message?: unknown;
}

interface PlatformError {
  message?: unknown;
  statusText?: unknown;
  body?: Messaged[] | (Messaged & { output?: DmlOutput; pageErrors?: Messaged[]; fieldErrors?: FieldErrors });
}

type FieldErrors = Record<string, Messaged[]>;
interface DmlOutput {
  errors?: Messaged[];
  fieldErrors?: FieldErrors;
}

const messagesOf = (items: Messaged[] = []): unknown[] => items.map((item) => item.message);
const fieldMessages = (fields: FieldErrors = {}): unknown[] => Object.values(fields).flatMap(messagesOf);

function messagesFrom(error: unknown): unknown[] {
  if (typeof error === 'string') return [error];
  const { body, message, statusText } = error as PlatformError;
  // UI API reads: an array of { message }.
  if (Array.isArray(body)) return messagesOf(body);
  // UI API writes: record-level and field-level errors.
  if (body?.output) return [...messagesOf(body.output.errors), ...fieldMessages(body.output.fieldErrors)];
  // Apex DmlException thrown out of an @AuraEnabled method.
  if (body?.pageErrors || body?.fieldErrors) {
    return [...messagesOf(body.pageErrors), ...fieldMessages(body.fieldErrors)];
  }
  // Apex exceptions, AuraHandledException, network errors: { body: { message } }.
  if (typeof body?.message === 'string') return [body.message];
  // JavaScript errors (a failed fetch is a TypeError, bad JSON a SyntaxError).
  if (typeof message === 'string') return [message];
  // A bare HTTP response.
  return [statusText];
}

/** One or many errors of any platform shape, as distinct, non-empty messages. */
export function reduceErrors(errors: unknown): string[] {
  const list: unknown[] = Array.isArray(errors) ? errors : [errors];
  const messages = list.filter((error) => error != null).flatMap(messagesFrom);
  // Distinct: templates key each message by its text.
  return [...new Set(messages.filter((message): message is string => typeof message === 'string' && message !== ''))];
}
