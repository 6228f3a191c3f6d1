// Ambient types for the platform modules that @salesforce/lightning-types does not cover.
// No top-level import here: one would turn this file into a module and hide these declarations.

declare module '@salesforce/apex/PulseApiController.getJson' {
  /** Resolves to the Pulse backend's JSON body, as a string. */
  const getJson: (params: { path: string }) => Promise<string>;
  export default getJson;
}

declare module '@salesforce/apex/*' {
  const apexMethod: (params?: Record<string, unknown>) => Promise<unknown>;
  export default apexMethod;
}

declare module '@salesforce/resourceUrl/*' {
  const url: string;
  export default url;
}

declare module '@salesforce/label/*' {
  const label: string;
  export default label;
}

declare module '@salesforce/i18n/*' {
  const value: string;
  export default value;
}

declare module 'lightning/empApi' {
  export interface EmpMessage {
    channel: string;
    data: { event: { replayId: number }; payload: Record<string, unknown> };
  }
  export interface EmpSubscription {
    channel: string;
    id?: string;
    replayId?: number;
  }
  /** replayId -1: only events published from now on. */
  export function subscribe(
    channel: string,
    replayId: number,
    onMessage: (message: EmpMessage) => void,
  ): Promise<EmpSubscription>;
  export function unsubscribe(subscription: EmpSubscription, callback?: (response: unknown) => void): Promise<unknown>;
  export function onError(callback: (error: unknown) => void): void;
  export function isEmpEnabled(): Promise<boolean>;
  export function setDebugFlag(flag: boolean): Promise<void>;
}
