// Salesforce record ids: a 3-character key prefix, a 2-character instance, a base-62 counter,
// and the 3-character case-safe suffix that turns the 15-character id into the 18-character one.

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The suffix encodes, five characters at a time, which characters of the 15 are upper case. */
export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

export function to18(id: string): string {
  return id.length === 18 ? id : id + caseSafeSuffix(id);
}

/** Salesforce accepts either form of an id; we key everything by the 18-character one. */
export function isSalesforceId(value: string): boolean {
  return /^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/.test(value) && (value.length === 15 || to18(value.slice(0, 15)) === value);
}

export class IdGenerator {
  private readonly counters = new Map<string, number>();
  private readonly instance: string;

  constructor(instance = '5g') {
    this.instance = instance;
  }

  /** The last number issued per key prefix (persistence). */
  get state(): Record<string, number> {
    return Object.fromEntries(this.counters);
  }

  /** Carries on from persisted counters; never moves a counter backwards. */
  restore(state: Record<string, number>): void {
    for (const [prefix, n] of Object.entries(state)) {
      if (!Number.isSafeInteger(n) || n < 0) throw new Error(`IdGenerator: bad counter ${prefix}=${n}`);
      this.counters.set(prefix, Math.max(n, this.counters.get(prefix) ?? 0));
    }
  }

  next(keyPrefix: string): string {
    const n = (this.counters.get(keyPrefix) ?? 0) + 1;
    this.counters.set(keyPrefix, n);
    let digits = '';
    for (let rest = n; rest > 0; rest = Math.floor(rest / 62)) digits = BASE62[rest % 62] + digits;
    return to18(keyPrefix + this.instance + digits.padStart(10, '0'));
  }
}
