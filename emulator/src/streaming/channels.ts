// Change Data Capture channels and the event shape Salesforce delivers on them.
import { createHash } from 'node:crypto';

export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: string;
  changeOrigin: string;
  transactionKey: string;
  sequenceNumber: number;
  commitTimestamp: number;
  commitNumber: number;
  commitUser: string;
  changedFields: string[];
  nulledFields: string[];
  diffFields: string[];
}

/** What the rest of the emulator publishes: the header plus the changed fields. */
export interface ChangeEventPayload {
  ChangeEventHeader: ChangeEventHeader;
  [field: string]: unknown;
}

/** `data` of a delivered message, as Salesforce sends it over CometD. */
export interface ChangeEventData {
  schema: string;
  payload: ChangeEventPayload;
  event: { replayId: number };
}

export const ALL_CHANGE_EVENTS = '/data/ChangeEvents';

/** Opportunity -> /data/OpportunityChangeEvent; Thing__c -> /data/Thing__ChangeEvent. */
export function changeEventChannel(entityName: string): string {
  const base = entityName.endsWith('__c') ? entityName.slice(0, -1) : entityName;
  return `/data/${base}ChangeEvent`;
}

/**
 * Salesforce's schema id is an opaque 22-character hash of the event's Avro schema. Ours hashes the
 * entity name, so it is stable per entity, which is all a client can rely on.
 */
export function schemaId(entityName: string): string {
  return createHash('sha256').update(`${entityName}ChangeEvent`).digest('base64url').slice(0, 22);
}

const ENTITY_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The channels served for the selected entities: which entity each one carries (null = all). */
export class ChannelCatalog {
  readonly #entityByChannel = new Map<string, string | null>([[ALL_CHANGE_EVENTS, null]]);
  readonly #entities: Set<string>;

  constructor(entities: readonly string[]) {
    for (const entity of entities) {
      if (!ENTITY_NAME.test(entity)) throw new Error(`StreamingServer: invalid entity name "${entity}"`);
      this.#entityByChannel.set(changeEventChannel(entity), entity);
    }
    this.#entities = new Set(entities);
  }

  has(channel: string): boolean {
    return this.#entityByChannel.has(channel);
  }

  isSelected(entityName: string): boolean {
    return this.#entities.has(entityName);
  }

  /** Does an event of this entity travel on this channel? */
  carries(channel: string, entityName: string): boolean {
    const entity = this.#entityByChannel.get(channel);
    return entity === null || entity === entityName;
  }

  get channels(): string[] {
    return [...this.#entityByChannel.keys()];
  }
}
