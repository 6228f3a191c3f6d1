// Checks the JSON bodies of the fault control API; a bad value becomes a 400 naming the field.

export class FaultInputError extends Error {}

export type Body = Record<string, unknown>;

export function bodyOf(body: unknown): Body {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new FaultInputError('the body must be a JSON object');
  return body as Body;
}

export function numberIn(body: Body, name: string, min: number, max: number, fallback?: number): number {
  const value = body[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    throw new FaultInputError(`${name} must be a number from ${min} to ${max}, got ${JSON.stringify(body[name])}`);
  return value;
}

export function integerIn(body: Body, name: string, min: number, max: number, fallback?: number): number {
  const value = numberIn(body, name, min, max, fallback);
  if (!Number.isInteger(value)) throw new FaultInputError(`${name} must be an integer, got ${value}`);
  return value;
}

export function optionalString(body: Body, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new FaultInputError(`${name} must be a non-empty string`);
  return value;
}

export function requiredString(body: Body, name: string): string {
  return optionalString(body, name) ?? fail(`${name} is required`);
}

export function stringList(body: Body, name: string): string[] {
  const value = body[name];
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string'))
    throw new FaultInputError(`${name} must be a non-empty list of strings`);
  return value as string[];
}

export function fail(message: string): never {
  throw new FaultInputError(message);
}
