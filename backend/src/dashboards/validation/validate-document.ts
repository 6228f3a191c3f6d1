import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { pathMessages } from './path-messages';

export type Checked<T> = { value: T; problems: [] } | { value?: undefined; problems: string[] };

/**
 * A JSON document as an instance of `type`, or every problem with it. The same rules as the
 * global ValidationPipe (unknown properties are errors), with messages that name their path.
 * Used for request bodies and for documents read back from the database.
 */
export function validateDocument<T extends object>(type: ClassConstructor<T>, plain: unknown): Checked<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain))
    return { problems: ['the document must be a JSON object'] };
  const value = plainToInstance(type, plain);
  const problems = pathMessages(validateSync(value, { whitelist: true, forbidNonWhitelisted: true }));
  return problems.length > 0 ? { problems } : { value, problems: [] };
}
