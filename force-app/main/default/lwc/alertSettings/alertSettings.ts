// Alert settings: the viewer's alert subscriptions (list, pause, delete, add) and how alerts reach
// them (channels, quiet hours, daily digest). The backend validates; its messages show beside the form.
import { LightningElement } from 'lwc';
import { fetchPulse } from 'c/pulseApi';
import { reduceErrors } from 'c/ldsUtils';
import { formatLabel } from 'c/pulseFormat';
import { RULES, SCOPE_LABELS, describeParams, paramFields, paramsOf, ruleOptions, scopeOptions } from './alertRules';
import { refusalMessages, sendPulse } from './alertsApi';
import type { ParamName, Preferences, RuleKind, Scope, Subscription } from './alertsApi';
import { bodyOf, channelOptions, draftOf } from './preferencesForm';
import type { PreferencesDraft } from './preferencesForm';
import { LABELS } from './labels';

const SUBSCRIPTIONS = '/api/alerts/subscriptions';
const PREFERENCES = '/api/alerts/preferences';

/** What the user reads when a change is refused: the backend's own messages, or the failure's. */
const problemsOf = (error: unknown): string[] => refusalMessages(error) ?? reduceErrors(error);

export default class AlertSettings extends LightningElement {
  labels = LABELS;

  isLoading = true;
  loadError?: unknown;
  subscriptions: Subscription[] = [];
  preferences?: Preferences;

  ruleKind: RuleKind = 'deal_won';
  scope: Scope = 'self';
  paramValues: Partial<Record<ParamName, string>> = {};
  isAdding = false;
  addProblems: string[] = [];
  listProblems: string[] = [];

  draft?: PreferencesDraft;
  isSavingPreferences = false;
  preferencesProblems: string[] = [];
  preferencesSaved = false;

  override connectedCallback(): void {
    this.load();
  }

  get isEmpty(): boolean {
    return this.subscriptions.length === 0;
  }

  get rows() {
    return this.subscriptions.map((subscription) => {
      const rule = RULES[subscription.ruleKind]?.label ?? subscription.ruleKind;
      return {
        id: subscription.id,
        rule,
        scope: SCOPE_LABELS[subscription.scope] ?? subscription.scope,
        params: RULES[subscription.ruleKind] ? describeParams(subscription.ruleKind, subscription.params) : '',
        active: subscription.active,
        toggleLabel: formatLabel(LABELS.activeToggle, rule),
        deleteLabel: formatLabel(LABELS.delete, rule),
      };
    });
  }

  get ruleOptions() {
    return ruleOptions().map((option) => ({ ...option, selected: option.value === this.ruleKind }));
  }

  get scopeOptions() {
    return scopeOptions().map((option) => ({ ...option, selected: option.value === this.scope }));
  }

  get paramInputs() {
    return paramFields(this.ruleKind).map((field) => ({ ...field, value: this.paramValues[field.name] ?? '' }));
  }

  get hasAddProblems(): boolean {
    return this.addProblems.length > 0;
  }

  get hasListProblems(): boolean {
    return this.listProblems.length > 0;
  }

  get hasPreferencesProblems(): boolean {
    return this.preferencesProblems.length > 0;
  }

  /** The hour only matters with the digest on. */
  get digestHourDisabled(): boolean {
    return !this.draft?.digestEnabled;
  }

  get channelOptions() {
    return this.preferences ? channelOptions(this.preferences) : [];
  }

  get emailHelp(): string | undefined {
    const fallback = this.preferences?.salesforceEmail;
    return fallback ? formatLabel(LABELS.prefsEmailHelp, fallback) : undefined;
  }

  handleRuleChange(event: Event): void {
    this.ruleKind = (event.target as HTMLSelectElement).value as RuleKind;
    this.paramValues = {};
  }

  handleScopeChange(event: Event): void {
    this.scope = (event.target as HTMLSelectElement).value as Scope;
  }

  handleParamChange(event: CustomEvent<{ value: string }>): void {
    const name = (event.currentTarget as HTMLElement).dataset.name as ParamName;
    this.paramValues = { ...this.paramValues, [name]: event.detail.value };
  }

  async handleAdd(): Promise<void> {
    this.isAdding = true;
    const body = { ruleKind: this.ruleKind, scope: this.scope, params: paramsOf(this.ruleKind, this.paramValues) };
    try {
      const created = await sendPulse<Subscription>('POST', SUBSCRIPTIONS, body);
      if (created) this.subscriptions = [...this.subscriptions, created];
      this.paramValues = {};
      this.addProblems = [];
    } catch (error) {
      this.addProblems = problemsOf(error);
    } finally {
      this.isAdding = false;
    }
  }

  async handleActiveChange(event: CustomEvent<{ checked: boolean }>): Promise<void> {
    const id = Number((event.currentTarget as HTMLElement).dataset.id);
    try {
      const updated = await sendPulse<Subscription>('PATCH', `${SUBSCRIPTIONS}/${id}`, {
        active: event.detail.checked,
      });
      if (updated) this.subscriptions = this.subscriptions.map((row) => (row.id === id ? updated : row));
      this.listProblems = [];
    } catch (error) {
      this.listProblems = problemsOf(error);
    }
  }

  async handleDelete(event: Event): Promise<void> {
    const id = Number((event.currentTarget as HTMLElement).dataset.id);
    try {
      await sendPulse('DELETE', `${SUBSCRIPTIONS}/${id}`);
      this.subscriptions = this.subscriptions.filter((row) => row.id !== id);
      this.listProblems = [];
    } catch (error) {
      this.listProblems = problemsOf(error);
    }
  }

  handleChannelsChange(event: CustomEvent<{ value: PreferencesDraft['channels'] }>): void {
    this.editDraft({ channels: [...event.detail.value] });
  }

  handlePreferenceChange(event: CustomEvent<{ value?: string; checked?: boolean }>): void {
    const name = (event.currentTarget as HTMLElement).dataset.name as keyof PreferencesDraft;
    this.editDraft({ [name]: name === 'digestEnabled' ? Boolean(event.detail.checked) : (event.detail.value ?? '') });
  }

  /** Native time inputs give "22:00" (or "" when cleared). */
  handleQuietHoursChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.editDraft({ [input.dataset.name as 'quietStart' | 'quietEnd']: input.value });
  }

  async handleSavePreferences(): Promise<void> {
    if (!this.draft) return;
    this.isSavingPreferences = true;
    try {
      const saved = await sendPulse<Preferences>('PUT', PREFERENCES, bodyOf(this.draft));
      if (saved) {
        this.preferences = saved;
        this.draft = draftOf(saved);
      }
      this.preferencesProblems = [];
      this.preferencesSaved = true;
    } catch (error) {
      this.preferencesProblems = problemsOf(error);
    } finally {
      this.isSavingPreferences = false;
    }
  }

  private editDraft(change: Partial<PreferencesDraft>): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, ...change };
    this.preferencesSaved = false;
  }

  /** Never rejects: failures become the error state. */
  private async load(): Promise<void> {
    try {
      const [list, preferences] = await Promise.all([
        fetchPulse<{ subscriptions: Subscription[] }>(SUBSCRIPTIONS),
        fetchPulse<Preferences>(PREFERENCES),
      ]);
      this.subscriptions = list.subscriptions;
      this.preferences = preferences;
      this.draft = draftOf(preferences);
      this.loadError = undefined;
    } catch (error) {
      this.loadError = error;
    } finally {
      this.isLoading = false;
    }
  }
}
