// Background work only the leader (the instance holding the sync lock) may run: polling and
// reconciliation. The coordinator starts every registered piece when it becomes leader and its
// initial load is done, and stops them when it loses leadership or shuts down.

export interface LeaderWork {
  /** For logs: 'polling', 'reconciliation'. */
  readonly name: string;
  /** Begins the schedule; calling it while running does nothing. */
  start(): void;
  /** Ends the schedule and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/** The Nest injection token of the list of LeaderWork (`@Inject(LEADER_WORK) work: LeaderWork[]`). */
export const LEADER_WORK = Symbol('LeaderWork');
