// Keeps an org in a file across restarts: loads it at start when the file exists, then saves
// after commits (debounced, so a crash loses at most a few seconds of changes) and on close.
import { access } from 'node:fs/promises';
import type { OrgStore } from '../org/store.ts';
import { readOrgState, type LoadReport } from './load.ts';
import { writeOrgState, type SaveReport } from './save.ts';
import { takeSnapshot, type ReplayLogHolder } from './snapshot.ts';

export interface OrgStateFileOptions {
  file: string;
  store: OrgStore;
  /** The streaming server, whose retained events and replayId counter are kept too. */
  replayLog?: ReplayLogHolder;
  /** How soon after a commit the file is rewritten (default 1 s). */
  saveDelayMs?: number;
  /** Where a failed background save is reported (default console.error); the next commit retries. */
  onError?: (error: Error) => void;
}

/** Saving a big org takes seconds: never spend more than about a fifth of the time saving. */
const SAVE_DUTY_FACTOR = 4;

export class OrgStateFile {
  readonly file: string;
  lastLoad?: LoadReport;
  lastSave?: SaveReport;
  readonly #store: OrgStore;
  readonly #replayLog?: ReplayLogHolder;
  readonly #delayMs: number;
  readonly #onError: (error: Error) => void;
  #timer?: NodeJS.Timeout;
  #saving = false;
  #dirty = false;
  #closed = false;
  /** Saves run one after another; this settles when the latest has. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: OrgStateFileOptions) {
    this.file = options.file;
    this.#store = options.store;
    this.#replayLog = options.replayLog;
    this.#delayMs = options.saveDelayMs ?? 1_000;
    this.#onError = options.onError ?? ((error) => console.error(`Saving the org to ${this.file} failed:`, error));
  }

  /** Loads the saved org; false when there is no file yet. A bad file throws OrgStateError. */
  async load(): Promise<boolean> {
    const exists = await access(this.file).then(
      () => true,
      () => false,
    );
    if (!exists) return false;
    this.lastLoad = await readOrgState(this.file, this.#store, this.#replayLog);
    return true;
  }

  /** Notes a change (call after every commit); a save follows within the delay. */
  changed(): void {
    this.#dirty = true;
    if (!this.#timer && !this.#saving && !this.#closed) this.#schedule();
  }

  /** Saves now, after any save already running. */
  save(): Promise<SaveReport> {
    const run = this.#queue.then(() => this.#write());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Stops background saves and writes what is not saved yet. Only commits count as changes: a
   * change made without one (fault injection) is saved with the next commit, or by save().
   */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#queue;
    // Nothing changed since the last save (or the load): a big org closes without rewriting it.
    if (this.#dirty) await this.save();
  }

  #schedule(): void {
    const delay = Math.max(this.#delayMs, SAVE_DUTY_FACTOR * (this.lastSave?.ms ?? 0));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.save().catch(this.#onError);
    }, delay);
    this.#timer.unref();
  }

  async #write(): Promise<SaveReport> {
    this.#saving = true;
    this.#dirty = false;
    let failed = false;
    try {
      this.lastSave = await writeOrgState(this.file, takeSnapshot(this.#store, this.#replayLog), this.#store.clock());
      return this.lastSave;
    } catch (error) {
      // Still unsaved; the next commit (or close) tries again rather than a retry loop.
      failed = true;
      this.#dirty = true;
      throw error;
    } finally {
      this.#saving = false;
      // Commits made while writing are not in this save: schedule the next one.
      if (this.#dirty && !failed && !this.#timer && !this.#closed) this.#schedule();
    }
  }
}
