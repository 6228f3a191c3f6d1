import { createElement } from 'lwc';
import PipelineByStage from 'c/pipelineByStage';
import getJson from '@salesforce/apex/PulseApiController.getJson';
import { loadScript } from 'lightning/platformResourceLoader';
import { onError, subscribe, unsubscribe } from 'lightning/empApi';
import type { TooltipItem } from 'chart.js';
import { FakeChart } from '@test/fakeChart';
import { changeEvent, flushPromises, resetDom } from '@test/utils';
import BY_STAGE from './data/byStage.json';
import BY_STAGE_AFTER_CHANGE from './data/byStageAfterChange.json';
import BY_STAGE_EMPTY from './data/byStageEmpty.json';

jest.mock('@salesforce/apex/PulseApiController.getJson', () => ({ default: jest.fn() }), { virtual: true });
// Real label text where a test reads the filled-in placeholders.
jest.mock('@salesforce/label/c.Pulse_TotalSummary', () => ({ default: 'Total: {0} · Deals: {1}' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.Pulse_LivePaused', () => ({ default: 'Live updates paused' }), { virtual: true });

const mockGetJson = jest.mocked(getJson);
const CHANNEL = '/data/OpportunityChangeEvent';

function answer(body: unknown): void {
  mockGetJson.mockResolvedValue(JSON.stringify(body));
}

async function renderWidget(props: { includeClosed?: boolean } = {}) {
  const element = createElement('c-pipeline-by-stage', { is: PipelineByStage });
  Object.assign(element, props);
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

const $ = (element: HTMLElement, selector: string) => element.shadowRoot!.querySelector(selector);
const footerText = (element: HTMLElement) => $(element, '[slot="footer"]')?.textContent ?? '';

describe('c-pipeline-by-stage', () => {
  afterEach(() => {
    resetDom();
    FakeChart.reset();
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('shows a spinner while the pipeline loads', async () => {
    mockGetJson.mockReturnValue(new Promise(() => {}));
    const element = await renderWidget();

    expect($(element, 'lightning-spinner')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('draws the amount per stage, with a text alternative and the total', async () => {
    answer(BY_STAGE);
    const element = await renderWidget();

    expect(mockGetJson).toHaveBeenCalledWith({ path: '/api/pipeline/by-stage?includeClosed=false' });
    expect(loadScript).toHaveBeenCalledTimes(1);
    expect(FakeChart.instances).toHaveLength(1);
    const { data } = FakeChart.instances[0].config;
    expect(data.labels).toEqual(BY_STAGE.stages.map((stage) => stage.stageName));
    expect(data.datasets[0].data).toEqual(BY_STAGE.stages.map((stage) => stage.amount));

    const rows = element.shadowRoot!.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(BY_STAGE.stages.length);
    expect(rows[0].textContent).toBe('Prospecting$120,0003');
    expect(footerText(element)).toContain('Total: $1,234,500 · Deals: 42');
    await expect(element).toBeAccessible();
  });

  it('asks for the closed stages when includeClosed is set', async () => {
    answer({ ...BY_STAGE, includeClosed: true });
    await renderWidget({ includeClosed: true });

    expect(mockGetJson).toHaveBeenCalledWith({ path: '/api/pipeline/by-stage?includeClosed=true' });
  });

  it('shows the amount and the deal count in the tooltip', async () => {
    answer(BY_STAGE);
    await renderWidget();

    const { callbacks } = FakeChart.instances[0].config.options!.plugins!.tooltip!;
    const { data } = FakeChart.instances[0].config;
    const item = { dataset: data.datasets[0], dataIndex: 1, parsed: { x: 250000 } } as unknown as TooltipItem<'bar'>;
    const call = (callback: unknown) => (callback as (item: TooltipItem<'bar'>) => string)(item);
    expect(call(callbacks!.label)).toBe('$250,000');
    // The label itself is a Custom Label; the Jest fallback is its name.
    expect(call(callbacks!.afterLabel)).toBe('c.Pulse_DealCount');
  });

  it('says so when there are no deals', async () => {
    answer(BY_STAGE_EMPTY);
    const element = await renderWidget();

    expect($(element, 'canvas')).toBeNull();
    expect($(element, 'p')!.textContent).toBe('c.Pulse_PipelineByStage_Empty');
    await expect(element).toBeAccessible();
  });

  it('shows the error panel when the backend call fails', async () => {
    const apexError = { body: { message: 'Pulse backend answered 503' }, status: 500, statusText: 'Server Error' };
    mockGetJson.mockRejectedValue(apexError);
    const element = await renderWidget();

    const panel = $(element, 'c-error-panel') as HTMLElement & { errors: unknown; friendlyMessage: string };
    expect(panel.errors).toEqual(apexError);
    expect(panel.friendlyMessage).toBe('c.Pulse_PipelineByStage_Error');
    expect($(element, 'canvas')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('refetches once per burst of change events and updates the chart in place', async () => {
    jest.useFakeTimers();
    answer(BY_STAGE);
    const element = await renderWidget();
    expect(subscribe).toHaveBeenCalledWith(CHANNEL, -1, expect.any(Function));
    const deliver = jest.mocked(subscribe).mock.calls[0][2];

    answer(BY_STAGE_AFTER_CHANGE);
    deliver(changeEvent(CHANNEL));
    jest.advanceTimersByTime(200);
    deliver(changeEvent(CHANNEL));
    deliver(changeEvent(CHANNEL));
    jest.advanceTimersByTime(299);
    expect(mockGetJson).toHaveBeenCalledTimes(1);

    jest.advanceTimersByTime(1);
    expect(mockGetJson).toHaveBeenCalledTimes(2);
    await flushPromises();

    const [chart] = FakeChart.instances;
    expect(FakeChart.instances).toHaveLength(1);
    expect(chart.updates).toBe(1);
    expect(chart.data.datasets[0].data).toEqual(BY_STAGE_AFTER_CHANGE.stages.map((stage) => stage.amount));
    // A deal moved from Qualification to Needs Analysis.
    expect(element.shadowRoot!.querySelectorAll('tbody tr')[2].textContent).toBe('Needs Analysis$50,0001');

    jest.useRealTimers(); // axe cannot run under fake timers
    await expect(element).toBeAccessible();
  });

  it('tells the user when live updates stop', async () => {
    answer(BY_STAGE);
    const element = await renderWidget();

    jest.mocked(onError).mock.calls[0][0](new Error('handshake denied'));
    await flushPromises();

    expect(footerText(element)).toContain('Live updates paused');
  });

  it('unsubscribes and releases the chart when removed', async () => {
    answer(BY_STAGE);
    const element = await renderWidget();
    const subscription = await jest.mocked(subscribe).mock.results[0].value;

    document.body.removeChild(element);

    expect(unsubscribe).toHaveBeenCalledWith(subscription);
    expect(FakeChart.instances[0].destroyed).toBe(true);
  });
});
