// Pipeline by Stage: the open pipeline's amount per stage as a bar chart, kept live by Change Data
// Capture on Opportunity.
import { LightningElement, api } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import type { Chart } from 'chart.js';
import CHARTJS from '@salesforce/resourceUrl/chartjs';
import { fetchPulse } from 'c/pulseApi';
import type { PipelineByStage as Pipeline } from 'c/pulseApi';
import { OPPORTUNITY_CHANNEL, watchChanges } from 'c/pulseChanges';
import { formatCurrency, formatLabel, formatNumber, formatTimestamp } from 'c/pulseFormat';
import { chartConfig, chartData } from './chartConfig';
import { LABELS } from './labels';

export default class PipelineByStage extends LightningElement {
  /** App Builder: also show the Closed Won and Closed Lost stages. */
  @api includeClosed = false;
  /** App Builder: chart height in pixels. */
  @api height = 300;

  labels = LABELS;
  pipeline?: Pipeline;
  fetchError?: unknown;
  chartJsError?: unknown;
  isLoading = true;
  livePaused = false;

  private chart?: Chart<'bar'>;
  private chartedPipeline?: Pipeline;
  private chartJs?: Promise<void>;
  private lastRequest = 0;
  private stopWatching?: () => void;

  override connectedCallback(): void {
    this.refresh();
    this.stopWatching = watchChanges(OPPORTUNITY_CHANNEL, {
      onChange: () => this.refresh(),
      onError: () => {
        this.livePaused = true;
      },
    });
  }

  override disconnectedCallback(): void {
    this.stopWatching?.();
    this.chart?.destroy();
    this.chart = undefined;
  }

  override renderedCallback(): void {
    // Once per component; the platform also loads the same URL only once per page.
    if (!this.chartJs) {
      this.chartJs = loadScript(this, CHARTJS).then(
        () => this.drawChart(),
        (error: unknown) => {
          this.chartJsError = error;
        },
      );
    }
    this.drawChart();
  }

  get error(): unknown {
    return this.fetchError ?? this.chartJsError;
  }

  get isEmpty(): boolean {
    return this.pipeline?.totals.count === 0;
  }

  get chartStyle(): string {
    return `height: ${Number(this.height) || 300}px`;
  }

  get rows() {
    const { stages = [], currencyIsoCode } = this.pipeline ?? {};
    return stages.map((stage) => ({
      key: stage.stageName,
      stageName: stage.stageName,
      amount: formatCurrency(stage.amount, currencyIsoCode),
      count: formatNumber(stage.count),
    }));
  }

  get total(): string | undefined {
    if (!this.pipeline) return undefined;
    const { totals, currencyIsoCode } = this.pipeline;
    return formatLabel(LABELS.total, formatCurrency(totals.amount, currencyIsoCode), formatNumber(totals.count));
  }

  get updatedAt(): string | undefined {
    const asOf = this.pipeline?.asOf;
    return asOf ? formatLabel(LABELS.updatedAt, formatTimestamp(asOf)) : undefined;
  }

  /** Never rejects: failures become the error state. */
  private async refresh(): Promise<void> {
    // Answers can overtake each other: only the latest request may write.
    const request = ++this.lastRequest;
    try {
      const path = `/api/pipeline/by-stage?includeClosed=${Boolean(this.includeClosed)}`;
      const pipeline = await fetchPulse<Pipeline>(path);
      if (request !== this.lastRequest) return;
      this.pipeline = pipeline;
      this.fetchError = undefined;
    } catch (error) {
      if (request === this.lastRequest) this.fetchError = error;
    } finally {
      this.isLoading = false;
    }
  }

  /** Creates the chart when its canvas appears; afterwards updates it in place (no flicker). */
  private drawChart(): void {
    const canvas = this.template?.querySelector('canvas');
    const ChartJs = (window as unknown as { Chart?: typeof Chart }).Chart;
    if (!canvas || !ChartJs || !this.pipeline) return;
    if (this.chart?.canvas === canvas) {
      if (this.chartedPipeline === this.pipeline) return;
      this.chart.data = chartData(this.pipeline);
      this.chart.update();
    } else {
      this.chart?.destroy();
      this.chart = new ChartJs(canvas, chartConfig(this.pipeline));
    }
    this.chartedPipeline = this.pipeline;
  }
}
