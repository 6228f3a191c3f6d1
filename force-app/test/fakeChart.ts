// jsdom has no canvas, so tests get this stand-in for Chart.js: it records what it was given.
import type { ChartConfiguration, ChartData } from 'chart.js';

export class FakeChart {
  static instances: FakeChart[] = [];

  canvas: HTMLCanvasElement;
  config: ChartConfiguration<'bar'>;
  data: ChartData<'bar'>;
  updates = 0;
  destroyed = false;

  constructor(canvas: HTMLCanvasElement, config: ChartConfiguration<'bar'>) {
    this.canvas = canvas;
    this.config = config;
    this.data = config.data;
    FakeChart.instances.push(this);
  }

  update(): void {
    this.updates += 1;
  }

  destroy(): void {
    this.destroyed = true;
  }

  static reset(): void {
    FakeChart.instances = [];
    delete (window as { Chart?: unknown }).Chart;
  }
}
