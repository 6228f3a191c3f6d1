// The org's data: every record of every sObject, written only through transactions so that each
// commit can be published as Change Data Capture events, exactly one commit at a time.
import { randomUUID } from 'node:crypto';
import { describeField, describeSObject, type SObjectDescribe, type SObjectRecord } from './schema.ts';
import { IdGenerator, to18 } from './ids.ts';
import { coerceFieldValue, formatDateTime, WriteError } from './values.ts';
import { deriveFields } from './derivedFields.ts';

export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';

export interface RecordChange {
  sobject: string;
  changeType: ChangeType;
  id: string;
  /** CREATE: every non-null field; UPDATE: the fields whose value changed (null = nulled). */
  fields: Record<string, unknown>;
}

export interface CommittedTransaction {
  transactionKey: string;
  commitNumber: number;
  commitTimestamp: number;
  commitUser: string;
  changes: RecordChange[];
}

export interface StoreOptions {
  orgId: string;
  clock?: () => number;
}

type Undo = () => void;

export class OrgStore {
  readonly orgId: string;
  readonly clock: () => number;
  private readonly tables = new Map<string, Map<string, SObjectRecord>>();
  private readonly index = new Map<string, SObjectRecord>();
  private readonly ids = new IdGenerator();
  private readonly listeners: ((tx: CommittedTransaction) => void)[] = [];
  private commitNumber = 0;

  constructor(options: StoreOptions) {
    this.orgId = options.orgId;
    this.clock = options.clock ?? Date.now;
  }

  /** Every row of an sObject, rows in the recycle bin included. */
  scan(sobject: string): Iterable<SObjectRecord> {
    return this.table(sobject).values();
  }

  byId(id: string): SObjectRecord | undefined {
    return this.index.get(to18(id));
  }

  get(sobject: string, id: string): SObjectRecord | undefined {
    return this.table(sobject).get(to18(id));
  }

  count(sobject: string): number {
    return this.table(sobject).size;
  }

  onCommit(listener: (tx: CommittedTransaction) => void): void {
    this.listeners.push(listener);
  }

  /** Runs `work` as one Salesforce transaction: all of it commits, or none of it does. */
  transact<T>(userId: string, work: (tx: Transaction) => T): T {
    const tx = new Transaction(this, userId, this.clock());
    let result: T;
    try {
      result = work(tx);
    } catch (error) {
      tx.rollback();
      throw error;
    }
    if (tx.changes.length > 0) {
      const committed: CommittedTransaction = {
        transactionKey: randomUUID().replaceAll('-', ''),
        commitNumber: ++this.commitNumber,
        commitTimestamp: tx.timestamp,
        commitUser: userId,
        changes: tx.changes,
      };
      for (const listener of this.listeners) listener(committed);
    }
    return result;
  }

  /** Loads a record as history: no event, no validation beyond the id (demo data, fixtures). */
  seed(sobject: string, record: Omit<SObjectRecord, 'Id'> & { Id?: string }): SObjectRecord {
    const describe = this.describe(sobject);
    const stored = { ...record, Id: record.Id ?? this.ids.next(describe.keyPrefix) } as SObjectRecord;
    this.put(describe.name, stored);
    return stored;
  }

  /** Fault injection: a hard delete (recycle bin emptied), which no change event announces. */
  purge(sobject: string, id: string): boolean {
    const record = this.get(sobject, id);
    if (!record) return false;
    this.table(sobject).delete(record.Id);
    this.index.delete(record.Id);
    return true;
  }

  newId(describe: SObjectDescribe): string {
    return this.ids.next(describe.keyPrefix);
  }

  describe(sobject: string): SObjectDescribe {
    const describe = describeSObject(sobject);
    if (!describe)
      throw new WriteError('NOT_FOUND', `The requested resource does not exist: sObject type '${sobject}'`);
    return describe;
  }

  /** Replaces a record and returns how to put the previous state back. */
  put(sobject: string, record: SObjectRecord): Undo {
    const table = this.table(sobject);
    const previous = table.get(record.Id);
    table.set(record.Id, record);
    this.index.set(record.Id, record);
    return () => {
      if (previous) {
        table.set(previous.Id, previous);
        this.index.set(previous.Id, previous);
      } else {
        table.delete(record.Id);
        this.index.delete(record.Id);
      }
    };
  }

  private table(sobject: string): Map<string, SObjectRecord> {
    const name = describeSObject(sobject)?.name ?? sobject;
    let table = this.tables.get(name);
    if (!table) {
      table = new Map();
      this.tables.set(name, table);
    }
    return table;
  }
}

export class Transaction {
  readonly changes: RecordChange[] = [];
  readonly timestamp: number;
  private readonly undo: Undo[] = [];
  private readonly store: OrgStore;
  private readonly userId: string;

  constructor(store: OrgStore, userId: string, timestamp: number) {
    this.store = store;
    this.userId = userId;
    this.timestamp = timestamp;
  }

  create(sobject: string, values: Record<string, unknown>): string {
    const describe = this.store.describe(sobject);
    const now = formatDateTime(this.timestamp);
    const record: SObjectRecord = { Id: this.store.newId(describe) };
    for (const f of describe.fields) if (f.type === 'boolean') record[f.name] = false;
    Object.assign(record, this.coerce(describe, values, 'insert'));
    // Salesforce makes the creating user the owner unless the write names one.
    if (describeField(describe, 'OwnerId') && record.OwnerId == null) record.OwnerId = this.userId;
    for (const f of describe.fields) {
      if (!f.nillable && !f.readOnly && f.type !== 'boolean' && record[f.name] == null) {
        throw new WriteError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${f.name}]`, [f.name]);
      }
    }
    const audit = {
      CreatedDate: now,
      CreatedById: this.userId,
      LastModifiedDate: now,
      LastModifiedById: this.userId,
      SystemModstamp: now,
    };
    for (const [name, value] of Object.entries(audit)) if (describeField(describe, name)) record[name] = value;
    Object.assign(record, deriveFields(this.store, describe.name, undefined, record, now));
    this.write(describe.name, record);
    const fields = Object.fromEntries(
      Object.entries(record).filter(([k, v]) => v !== null && k !== 'Id' && k !== 'IsDeleted'),
    );
    this.changes.push({ sobject: describe.name, changeType: 'CREATE', id: record.Id, fields });
    return record.Id;
  }

  update(sobject: string, id: string, values: Record<string, unknown>): void {
    const describe = this.store.describe(sobject);
    const current = this.live(describe, id);
    const now = formatDateTime(this.timestamp);
    const next: SObjectRecord = { ...current, ...this.coerce(describe, values, 'update') };
    Object.assign(next, deriveFields(this.store, describe.name, current, next, now));
    const changed: Record<string, unknown> = {};
    for (const f of describe.fields) {
      if (next[f.name] !== current[f.name]) changed[f.name] = next[f.name] ?? null;
    }
    Object.assign(next, { LastModifiedDate: now, LastModifiedById: this.userId, SystemModstamp: now });
    changed.LastModifiedDate = now;
    this.write(describe.name, next);
    this.changes.push({ sobject: describe.name, changeType: 'UPDATE', id: next.Id, fields: changed });
  }

  delete(sobject: string, id: string): void {
    const describe = this.store.describe(sobject);
    const current = this.live(describe, id);
    this.write(describe.name, { ...current, IsDeleted: true, SystemModstamp: formatDateTime(this.timestamp) });
    this.changes.push({ sobject: describe.name, changeType: 'DELETE', id: current.Id, fields: {} });
  }

  undelete(sobject: string, id: string): void {
    const describe = this.store.describe(sobject);
    const current = this.store.get(describe.name, id);
    if (!current || current.IsDeleted !== true)
      throw new WriteError('UNDELETE_FAILED', `Entity is not in the recycle bin: ${id}`);
    const restored = { ...current, IsDeleted: false, SystemModstamp: formatDateTime(this.timestamp) };
    this.write(describe.name, restored);
    const fields = Object.fromEntries(
      Object.entries(restored).filter(([k, v]) => v !== null && k !== 'Id' && k !== 'IsDeleted'),
    );
    this.changes.push({ sobject: describe.name, changeType: 'UNDELETE', id: current.Id, fields });
  }

  rollback(): void {
    for (const undo of this.undo.reverse()) undo();
  }

  private write(sobject: string, record: SObjectRecord): void {
    this.undo.push(this.store.put(sobject, record));
  }

  private live(describe: SObjectDescribe, id: string): SObjectRecord {
    const record = this.store.get(describe.name, id);
    if (!record || record.IsDeleted === true) {
      throw new WriteError('ENTITY_IS_DELETED', `entity is deleted or does not exist: ${describe.name} ${id}`);
    }
    return record;
  }

  private coerce(describe: SObjectDescribe, values: Record<string, unknown>, operation: 'insert' | 'update') {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(values)) {
      if (name === 'attributes') continue;
      const f = describeField(describe, name);
      if (!f)
        throw new WriteError('INVALID_FIELD', `No such column '${name}' on sobject of type ${describe.name}`, [name]);
      if (f.readOnly) {
        throw new WriteError(
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          `Unable to ${operation === 'insert' ? 'create' : 'update'} fields: ${f.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          [f.name],
        );
      }
      out[f.name] = coerceFieldValue(f, value);
    }
    return out;
  }
}
