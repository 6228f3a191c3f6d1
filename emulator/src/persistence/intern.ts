// Parsed JSON gives every string its own copy; a million records repeat the same stage names,
// dates and owner ids over and over. Sharing the copies per field keeps a loaded org about as small
// as a generated one. A field whose values hardly repeat (Name, Id) stops being tracked.
const MAX_DISTINCT = 4_096;
const MAX_LENGTH = 64;

export class StringInterner {
  readonly #byField = new Map<string, Map<string, string> | null>();

  /** Replaces the record's repeated string values by shared ones, in place. */
  intern(record: Record<string, unknown>): void {
    for (const key in record) {
      const value = record[key];
      if (typeof value !== 'string' || value.length > MAX_LENGTH) continue;
      let seen = this.#byField.get(key);
      if (seen === null) continue;
      if (seen === undefined) this.#byField.set(key, (seen = new Map()));
      const shared = seen.get(value);
      if (shared !== undefined) record[key] = shared;
      else if (seen.size < MAX_DISTINCT) seen.set(value, value);
      else this.#byField.set(key, null);
    }
  }
}
