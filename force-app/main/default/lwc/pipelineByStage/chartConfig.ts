// The Chart.js configuration of the pipeline chart, apart from the component, which only decides
// when to draw.
import type { ChartConfiguration, ChartData, ChartDataset, Scale, TooltipItem } from 'chart.js';
import type { PipelineByStage, StageTotal } from 'c/pulseApi';
import { formatCurrency, formatLabel, formatNumber } from 'c/pulseFormat';
import AMOUNT from '@salesforce/label/c.Pulse_Amount';
import DEAL_COUNT from '@salesforce/label/c.Pulse_DealCount';

// SLDS colours: brand blue for open stages, success green for won, neutral grey for lost.
const OPEN = '#0176d3';
const WON = '#2e844a';
const LOST = '#aeaeae';

/** Counts and currency ride on the dataset, so tooltips stay right after an in-place update. */
type PipelineDataset = ChartDataset<'bar'> & { counts: number[]; currency: string };

const colourOf = (stage: StageTotal): string => (!stage.isClosed ? OPEN : stage.isWon ? WON : LOST);

export function chartData(pipeline: PipelineByStage): ChartData<'bar'> {
  const dataset: PipelineDataset = {
    label: AMOUNT,
    data: pipeline.stages.map((stage) => stage.amount),
    backgroundColor: pipeline.stages.map(colourOf),
    counts: pipeline.stages.map((stage) => stage.count),
    currency: pipeline.currencyIsoCode,
  };
  return { labels: pipeline.stages.map((stage) => stage.stageName), datasets: [dataset] };
}

const datasetOf = (item: TooltipItem<'bar'>) => item.dataset as PipelineDataset;

export function chartConfig(pipeline: PipelineByStage): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: chartData(pipeline),
    options: {
      // Stage names are long: horizontal bars keep them readable.
      indexAxis: 'y',
      // The card's height property decides the height, not the width.
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => formatCurrency(item.parsed.x ?? 0, datasetOf(item).currency),
            afterLabel: (item) => formatLabel(DEAL_COUNT, formatNumber(datasetOf(item).counts[item.dataIndex])),
          },
        },
      },
      scales: {
        x: {
          ticks: {
            callback(this: Scale, value) {
              const { currency } = this.chart.data.datasets[0] as PipelineDataset;
              return formatCurrency(Number(value), currency, true);
            },
          },
        },
      },
    },
  };
}
