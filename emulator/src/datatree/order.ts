// The order a plan lists sObjects in: every object after the objects its lookups point at, and
// otherwise in schema order (which puts OpportunityStage, whose rows drive an opportunity's
// computed fields, before Opportunity). Lookups within one object are resolved inside its file.
import { describeSObject, SOBJECTS } from '../org/schema.ts';
import { writableFields } from './fields.ts';

export function insertOrder(sobjects: Iterable<string>): string[] {
  const wanted = new Set([...sobjects].map((name) => describeSObject(name)?.name ?? name));
  const rank = (name: string) => SOBJECTS.findIndex((s) => s.name === name);
  const pending = [...wanted].sort((a, b) => rank(a) - rank(b));
  const parentsOf = (name: string) =>
    new Set(
      writableFields(describeSObject(name)!)
        .flatMap((f) => (f.type === 'reference' ? (f.referenceTo ?? []) : []))
        .filter((parent) => parent !== name && wanted.has(parent)),
    );
  const placed: string[] = [];
  while (pending.length > 0) {
    // The first object whose parents are all placed; in a cycle, simply the first one left.
    const ready = pending.findIndex((name) => [...parentsOf(name)].every((parent) => placed.includes(parent)));
    placed.push(...pending.splice(Math.max(ready, 0), 1));
  }
  return placed;
}
