import { createElement } from 'lwc';
import AlertSettings from 'c/alertSettings';
import getJson from '@salesforce/apex/PulseApiController.getJson';
import sendJson from '@salesforce/apex/PulseApiController.sendJson';
import { flushPromises, resetDom } from '@test/utils';
import SUBSCRIPTIONS from './data/subscriptions.json';
import SUBSCRIPTIONS_EMPTY from './data/subscriptionsEmpty.json';
import PREFERENCES from './data/preferences.json';
import CREATED from './data/created.json';

jest.mock('@salesforce/apex/PulseApiController.getJson', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/PulseApiController.sendJson', () => ({ default: jest.fn() }), { virtual: true });
// Real label text where a test reads the filled-in placeholders.
jest.mock('@salesforce/label/c.Pulse_AlertSettings_ParamValue', () => ({ default: '{0}: {1}' }), { virtual: true });
jest.mock('@salesforce/label/c.Pulse_AlertSettings_Delete', () => ({ default: 'Delete alert: {0}' }), {
  virtual: true,
});

const mockGetJson = jest.mocked(getJson);
const mockSendJson = jest.mocked(sendJson);

/** The backend's answers by path, as the Apex proxy returns them (JSON strings). */
function answer(subscriptions: unknown = SUBSCRIPTIONS, preferences: unknown = PREFERENCES): void {
  mockGetJson.mockImplementation(async ({ path }) =>
    JSON.stringify(path === '/api/alerts/subscriptions' ? subscriptions : preferences),
  );
}

/** An Apex error as PulseApiController throws it for a refused request. */
const refused = (status: string, path: string, messages: string[]) => ({
  body: { message: `The Pulse backend answered ${status} for ${path}: ${messages.join('; ')}` },
  status: 500,
  statusText: 'Server Error',
});

async function renderPanel() {
  const element = createElement('c-alert-settings', { is: AlertSettings });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

type Field = HTMLElement & { value?: unknown; checked?: boolean; label?: string; options?: unknown };
const $ = (element: HTMLElement, selector: string) => element.shadowRoot!.querySelector(selector) as Field | null;
const $$ = (element: HTMLElement, selector: string) => [...element.shadowRoot!.querySelectorAll(selector)] as Field[];

async function change(field: Field, detail: Record<string, unknown>): Promise<void> {
  field.dispatchEvent(new CustomEvent('change', { detail }));
  await flushPromises();
}

/** Sets a native control (select, input) as the user would, and reports the change. */
async function setNative(field: Field, value: string): Promise<void> {
  (field as unknown as HTMLSelectElement).value = value;
  field.dispatchEvent(new CustomEvent('change'));
  await flushPromises();
}

async function click(field: Field): Promise<void> {
  field.click();
  await flushPromises();
}

const lastWrite = () => {
  const { method, path, body } = mockSendJson.mock.calls.at(-1)![0] as { method: string; path: string; body: string };
  return { method, path, body: body === null ? null : (JSON.parse(body) as unknown) };
};

describe('c-alert-settings', () => {
  afterEach(() => {
    resetDom();
    jest.clearAllMocks();
  });

  it('shows a spinner while the settings load', async () => {
    mockGetJson.mockReturnValue(new Promise(() => {}));
    const element = await renderPanel();

    expect($(element, 'lightning-spinner')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('lists the subscriptions in words, with their scope, settings and active state', async () => {
    answer();
    const element = await renderPanel();

    expect(mockGetJson).toHaveBeenCalledWith({ path: '/api/alerts/subscriptions' });
    expect(mockGetJson).toHaveBeenCalledWith({ path: '/api/alerts/preferences' });
    const rows = $$(element, 'tbody tr');
    expect(rows).toHaveLength(3);
    const cells = (row: Element) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent);
    expect(cells(rows[0]).slice(0, 3)).toEqual([
      'c.Pulse_AlertRule_DealWon',
      'c.Pulse_AlertScope_Team',
      'c.Pulse_AlertParam_MinAmount: 100,000',
    ]);
    expect(cells(rows[1]).slice(0, 3)).toEqual([
      'c.Pulse_AlertRule_NoActivity',
      'c.Pulse_AlertScope_Self',
      'c.Pulse_AlertParam_Days: 14',
    ]);
    expect(cells(rows[2])[2]).toBe('c.Pulse_AlertSettings_Defaults');
    expect($$(element, 'tbody lightning-input').map((toggle) => toggle.checked)).toEqual([true, false, true]);
    expect($(element, 'tbody lightning-button-icon')!.getAttribute('title')).toBe(
      'Delete alert: c.Pulse_AlertRule_DealWon',
    );
    await expect(element).toBeAccessible();
  });

  it('fills the delivery preferences from the backend', async () => {
    answer();
    const element = await renderPanel();

    const channels = $(element, 'lightning-checkbox-group')!;
    expect(channels.value).toEqual(['email', 'salesforce']);
    expect($(element, 'lightning-input[data-name="timeZone"]')!.value).toBe('Europe/Paris');
    expect($(element, 'lightning-input[data-name="digestEnabled"]')!.checked).toBe(false);
    const email = $(element, 'lightning-input[data-name="email"]') as Field & { placeholder: string };
    expect(email.placeholder).toBe('dana.whitfield@pulse.demo');
  });

  it('says so when there are no subscriptions, and still offers the form', async () => {
    answer(SUBSCRIPTIONS_EMPTY);
    const element = await renderPanel();

    expect($(element, 'table')).toBeNull();
    expect($(element, 'p.empty')!.textContent).toBe('c.Pulse_AlertSettings_Empty');
    const rules = [...element.shadowRoot!.querySelectorAll('select[data-name="ruleKind"] option')];
    expect(rules.map((option) => option.textContent!.trim())).toEqual([
      'c.Pulse_AlertRule_DealWon',
      'c.Pulse_AlertRule_DealLost',
      'c.Pulse_AlertRule_StageMovedBackwards',
      'c.Pulse_AlertRule_CloseDatePushedOut',
      'c.Pulse_AlertRule_NoActivity',
      'c.Pulse_AlertRule_ForecastRisk',
      'c.Pulse_AlertRule_SyncUnhealthy',
    ]);
    await expect(element).toBeAccessible();
  });

  it('shows the error panel when loading fails', async () => {
    const apexError = { body: { message: 'The Pulse backend could not be reached' }, status: 500 };
    mockGetJson.mockRejectedValue(apexError);
    const element = await renderPanel();

    const panel = $(element, 'c-error-panel') as Field & { errors: unknown; friendlyMessage: string };
    expect(panel.errors).toEqual(apexError);
    expect(panel.friendlyMessage).toBe('c.Pulse_AlertSettings_Error');
    expect($(element, 'table')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('creates a subscription with the rule, the scope and the parameters that rule takes', async () => {
    answer(SUBSCRIPTIONS_EMPTY);
    const element = await renderPanel();
    // deal_won asks for a minimum amount; forecast_risk for a coverage ratio instead.
    expect($$(element, 'section.add lightning-input').map((input) => input.dataset.name)).toEqual(['minAmount']);

    await setNative($(element, 'select[data-name="ruleKind"]')!, 'forecast_risk');
    await setNative($(element, 'select[data-name="scope"]')!, 'team');
    expect($$(element, 'section.add lightning-input').map((input) => input.dataset.name)).toEqual(['minCoverage']);
    await change($(element, 'lightning-input[data-name="minCoverage"]')!, { value: '2.5' });
    mockSendJson.mockResolvedValue(JSON.stringify(CREATED));
    await click($(element, 'lightning-button.add-button')!);

    expect(lastWrite()).toEqual({
      method: 'POST',
      path: '/api/alerts/subscriptions',
      body: { ruleKind: 'forecast_risk', scope: 'team', params: { minCoverage: 2.5 } },
    });
    const rows = $$(element, 'tbody tr');
    expect(rows).toHaveLength(1);
    expect(rows[0].querySelector('th')!.textContent).toBe('c.Pulse_AlertRule_ForecastRisk');
    expect($(element, 'p.empty')).toBeNull();
    expect($(element, 'lightning-input[data-name="minCoverage"]')!.value).toBe('');
  });

  it('leaves out empty parameters, for the rule default', async () => {
    answer(SUBSCRIPTIONS_EMPTY);
    const element = await renderPanel();
    mockSendJson.mockResolvedValue(JSON.stringify({ ...CREATED, ruleKind: 'deal_won', params: { minAmount: 0 } }));

    await click($(element, 'lightning-button.add-button')!);

    expect(lastWrite().body).toEqual({ ruleKind: 'deal_won', scope: 'self', params: {} });
  });

  it("shows the backend's 400 messages next to the form", async () => {
    answer(SUBSCRIPTIONS_EMPTY);
    const element = await renderPanel();
    await change($(element, 'lightning-input[data-name="minAmount"]')!, { value: '-5' });
    mockSendJson.mockRejectedValue(
      refused('400 Bad Request', '/api/alerts/subscriptions', [
        'params.minAmount must be 0 or more',
        'scope must be one of self, team',
      ]),
    );

    await click($(element, 'lightning-button.add-button')!);

    expect(lastWrite().body).toEqual({ ruleKind: 'deal_won', scope: 'self', params: { minAmount: -5 } });
    const problems = $(element, 'section.add .add-problems')!;
    expect(problems.getAttribute('role')).toBe('alert');
    expect([...problems.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      'params.minAmount must be 0 or more',
      'scope must be one of self, team',
    ]);
    expect($(element, 'tbody tr')).toBeNull();
    await expect(element).toBeAccessible();

    // Fixed and sent again: the messages go.
    mockSendJson.mockResolvedValue(JSON.stringify({ ...CREATED, ruleKind: 'deal_won', params: { minAmount: 5 } }));
    await change($(element, 'lightning-input[data-name="minAmount"]')!, { value: '5' });
    await click($(element, 'lightning-button.add-button')!);
    expect($(element, '.add-problems')).toBeNull();
  });

  it('pauses a subscription with PATCH', async () => {
    answer();
    const element = await renderPanel();
    mockSendJson.mockResolvedValue(JSON.stringify({ ...SUBSCRIPTIONS.subscriptions[0], active: false }));

    await change($(element, 'tbody lightning-input[data-id="12"]')!, { checked: false });

    expect(lastWrite()).toEqual({ method: 'PATCH', path: '/api/alerts/subscriptions/12', body: { active: false } });
    expect($(element, 'tbody lightning-input[data-id="12"]')!.checked).toBe(false);
  });

  it('deletes a subscription', async () => {
    answer();
    const element = await renderPanel();
    mockSendJson.mockResolvedValue('');

    await click($(element, 'lightning-button-icon[data-id="13"]')!);

    expect(lastWrite()).toEqual({ method: 'DELETE', path: '/api/alerts/subscriptions/13', body: null });
    expect($$(element, 'tbody tr').map((row) => row.dataset.id)).toEqual(['12', '14']);
  });

  it('keeps the row and says why when a delete is refused', async () => {
    answer();
    const element = await renderPanel();
    mockSendJson.mockRejectedValue(
      refused('404 Not Found', '/api/alerts/subscriptions/13', ['Alert subscription 13 not found']),
    );

    await click($(element, 'lightning-button-icon[data-id="13"]')!);

    expect($$(element, 'tbody tr')).toHaveLength(3);
    expect($(element, '.list-problems')!.textContent).toBe('Alert subscription 13 not found');
  });

  it('saves the delivery preferences with PUT', async () => {
    answer();
    const element = await renderPanel();
    const saved = { ...PREFERENCES, channels: ['salesforce'], quietHours: { start: '22:00', end: '07:00' } };
    mockSendJson.mockResolvedValue(JSON.stringify({ ...saved, digest: { enabled: true, hour: 9 } }));

    await change($(element, 'lightning-checkbox-group')!, { value: ['salesforce'] });
    await setNative($(element, 'input[data-name="quietStart"]')!, '22:00');
    await setNative($(element, 'input[data-name="quietEnd"]')!, '07:00');
    await change($(element, 'lightning-input[data-name="digestEnabled"]')!, { checked: true });
    await change($(element, 'lightning-input[data-name="digestHour"]')!, { value: '9' });
    await click($(element, 'lightning-button.save-preferences')!);

    expect(lastWrite()).toEqual({
      method: 'PUT',
      path: '/api/alerts/preferences',
      body: {
        email: null,
        channels: ['salesforce'],
        quietHours: { start: '22:00', end: '07:00' },
        timeZone: 'Europe/Paris',
        digest: { enabled: true, hour: 9 },
      },
    });
    expect($(element, '[role="status"]')!.textContent).toBe('c.Pulse_AlertPrefs_Saved');
    await expect(element).toBeAccessible();
  });

  it("shows the backend's message when preferences are refused", async () => {
    answer();
    const element = await renderPanel();
    mockSendJson.mockRejectedValue(
      refused('400 Bad Request', '/api/alerts/preferences', [
        'timeZone must be an IANA time zone, such as Europe/Paris or America/New_York',
      ]),
    );

    await change($(element, 'lightning-input[data-name="timeZone"]')!, { value: 'Mars/Olympus' });
    await click($(element, 'lightning-button.save-preferences')!);

    expect((lastWrite().body as { timeZone: string }).timeZone).toBe('Mars/Olympus');
    expect($(element, '.preferences-problems li')!.textContent).toBe(
      'timeZone must be an IANA time zone, such as Europe/Paris or America/New_York',
    );
    expect($(element, '[role="status"]')!.textContent).toBe('');
  });

  it('shows other failures of a write as they come', async () => {
    answer(SUBSCRIPTIONS_EMPTY);
    const element = await renderPanel();
    mockSendJson.mockRejectedValue({ body: { message: 'The Pulse backend could not be reached: Read timed out' } });

    await click($(element, 'lightning-button.add-button')!);

    expect($(element, '.add-problems li')!.textContent).toBe('The Pulse backend could not be reached: Read timed out');
  });
});
