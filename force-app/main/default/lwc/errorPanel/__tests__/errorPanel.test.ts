import { createElement } from 'lwc';
import ErrorPanel from 'c/errorPanel';
import { flushPromises, resetDom } from '@test/utils';

const ERRORS = [{ body: { message: 'Pulse backend answered 503' } }, new Error('Failed to fetch')];

function renderPanel(props: { errors?: unknown; friendlyMessage?: string }) {
  const element = createElement('c-error-panel', { is: ErrorPanel });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

const $ = (element: HTMLElement, selector: string) => element.shadowRoot!.querySelector(selector);

describe('c-error-panel', () => {
  afterEach(resetDom);

  it('shows the friendly message and hides the details at first', async () => {
    const element = renderPanel({ errors: ERRORS, friendlyMessage: 'We could not load the pipeline.' });

    expect($(element, 'p')!.textContent).toBe('We could not load the pipeline.');
    expect($(element, 'button')!.getAttribute('aria-expanded')).toBe('false');
    expect($(element, '#details, [id^="details"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows every message when the details are opened', async () => {
    const element = renderPanel({ errors: ERRORS });

    ($(element, 'button') as HTMLButtonElement).click();
    await flushPromises();

    const details = [...element.shadowRoot!.querySelectorAll('[id^="details"] p')].map((p) => p.textContent);
    expect(details).toEqual(['Pulse backend answered 503', 'Failed to fetch']);
    expect($(element, 'button')!.getAttribute('aria-expanded')).toBe('true');
    await expect(element).toBeAccessible();
  });

  it('offers no details when there are none', () => {
    const element = renderPanel({ errors: undefined });

    expect($(element, 'p')!.textContent).toBe('c.Pulse_Error_Generic');
    expect($(element, 'button')).toBeNull();
  });
});
