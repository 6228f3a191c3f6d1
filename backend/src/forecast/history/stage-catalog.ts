/** One row of the org's OpportunityStage, as the mirror holds it. */
export interface StageRow {
  apiName: string;
  sortOrder: number | null;
  isActive: boolean | null;
  isClosed: boolean | null;
  isWon: boolean | null;
  defaultProbability: number | null;
  forecastCategoryName: string | null;
}

/**
 * The sales process as the model sees it: the open stages in order (each one a feature), which
 * names are closed, and each stage's default probability (the weighted-pipeline baseline).
 * Stages no longer active still name history rows, so they are kept.
 */
export class StageCatalog {
  readonly openStages: readonly string[];
  private readonly byName: Map<string, StageRow>;
  private readonly openIndex: Map<string, number>;

  constructor(rows: readonly StageRow[]) {
    const sorted = [...rows].sort(
      (a, b) => (a.sortOrder ?? Infinity) - (b.sortOrder ?? Infinity) || a.apiName.localeCompare(b.apiName),
    );
    this.byName = new Map(sorted.map((r) => [r.apiName, r]));
    this.openStages = sorted.filter((r) => !r.isClosed).map((r) => r.apiName);
    this.openIndex = new Map(this.openStages.map((name, i) => [name, i]));
  }

  /** Position among open stages; -1 for a closed or unknown stage. */
  openPosition(stageName: string): number {
    return this.openIndex.get(stageName) ?? -1;
  }

  isClosed(stageName: string): boolean {
    return this.byName.get(stageName)?.isClosed === true;
  }

  /** Default probability (0..1) of a stage, 0 when the org does not say. */
  probability(stageName: string): number {
    return (this.byName.get(stageName)?.defaultProbability ?? 0) / 100;
  }

  /** Where a deal stood when its stage is not known: the first open stage. */
  get firstOpenStage(): string {
    return this.openStages[0] ?? '';
  }
}
