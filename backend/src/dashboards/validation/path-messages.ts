import type { ValidationError } from 'class-validator';

/**
 * class-validator's errors as one message per problem, each naming where it is in the document
 * the way a client addresses it: `widgets[2].size.columns must not be greater than 12`.
 */
export function pathMessages(errors: readonly ValidationError[], parent = '', parentIsArray = false): string[] {
  return errors.flatMap((error) => {
    const path = !parent
      ? error.property
      : parentIsArray && /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`;
    const constraints = Object.entries(error.constraints ?? {});
    // A value of the wrong type fails every other check too: saying so once is enough.
    const typeErrors = constraints.filter(([name]) => TYPE_CHECKS.has(name));
    const own = typeErrors.length > 0 ? typeErrors : constraints;
    const messages = own.map(([name, message]) =>
      name === 'nestedValidation' ? `${path} must be an object` : withPath(message, error.property, path),
    );
    return [...messages, ...pathMessages(error.children ?? [], path, Array.isArray(error.value))];
  });
}

const TYPE_CHECKS = new Set(['isArray', 'isObject', 'isInt', 'isString']);

// Longest first: class-validator's messages start with the property, after one of these.
const LEADS = ['each value in nested property ', 'each value in ', 'nested property ', 'property ', ''];

/** The message with the bare property name it starts with made a path. */
function withPath(message: string, property: string, path: string): string {
  for (const lead of LEADS) {
    const start = lead + property;
    if (message.startsWith(start) && /^[\s:]/.test(message.slice(start.length)))
      return lead.replace('nested property ', '') + path + message.slice(start.length);
  }
  return `${path}: ${message}`;
}
