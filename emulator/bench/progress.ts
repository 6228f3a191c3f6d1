// Progress on stderr: one line per phase, rewritten in place on a terminal (plain lines otherwise),
// so stdout holds nothing but the JSON result.
const THROTTLE_MS = 100;

export class Progress {
  readonly #tty = process.stderr.isTTY === true;
  #phase = '';
  #last = 0;

  phase(name: string): void {
    this.#phase = name;
    this.#last = 0;
    this.update('starting');
  }

  /** Cheap to call in a hot loop: writes at most ten times a second. */
  update(text: string): void {
    if (!this.#tty) return;
    const now = performance.now();
    if (now - this.#last < THROTTLE_MS) return;
    this.#last = now;
    process.stderr.write(`\r\x1b[2K${this.#phase}: ${text}`);
  }

  done(summary: string): void {
    process.stderr.write(`${this.#tty ? '\r\x1b[2K' : ''}${this.#phase}: ${summary}\n`);
  }
}
