// The org's data: every record of every sObject, written only through transactions so that each
// commit can be published as Change Data Capture events, exactly one commit at a time.
import { randomUUID } from 'node:crypto';
import { describeField, describeSObject, SOBJECTS, type SObjectDescribe, type SObjectRecord } from './schema.ts';
import { IdGenerator, to18 } from './ids.ts';
import { coerceFieldValue, formatDateTime, WriteError } from './values.ts';
import { deriveFields } from './derivedFields.ts';
import { afterSave } from './platform/afterSave.ts';

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

export interface StoreCounters {
  commitNumber: number;
  /** The last id number issued per key prefix. */
  ids: Record<string, number>;
}

type Undo = () => void;

const sobjectByKeyPrefix = new Map(SOBJECTS.map((s) => [s.keyPrefix, s.name]));

export interface WriteOptions {
  /** A write the platform itself makes (history rows, roll-ups): read-only fields and objects may be set. */
  platform?: boolean;
}

const OPERATION_VERB = { create: 'inserted', update: 'updated', delete: 'deleted' } as const;

/** Objects only the platform writes (OpportunityHistory) refuse the API's writes. */
function checkWritable(describe: SObjectDescribe, operation: keyof typeof OPERATION_VERB, options: WriteOptions) {
  const allowed = { create: describe.createable, update: describe.updateable, delete: describe.deletable }[operation];
  if (allowed === false && !options.platform) {
    throw new WriteError(
      'INVALID_TYPE_FOR_OPERATION',
      `entity type cannot be ${OPERATION_VERB[operation]}: ${describe.label}`,
    );
  }
}

export class OrgStore {
  readonly orgId: string;
  readonly clock: () => number;
  private readonly tables = new Map<string, Map<string, SObjectRecord>>();
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
    // The key prefix names the table: no org-wide index to keep (it would double every insert).
    const sobject = sobjectByKeyPrefix.get(id.slice(0, 3));
    return sobject === undefined ? undefined : this.tables.get(sobject)?.get(to18(id));
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

  /**
   * Bulk loading (the demo generator): stores records exactly as given (Id included, no copy, no
   * event) into one table, without per-record lookups.
   */
  seeder(sobject: string): (record: SObjectRecord) => void {
    const table = this.table(this.describe(sobject).name);
    return (record) => {
      table.set(record.Id, record);
    };
  }

  /** Fault injection: a hard delete (recycle bin emptied), which no change event announces. */
  purge(sobject: string, id: string): boolean {
    const record = this.get(sobject, id);
    if (!record) return false;
    this.table(sobject).delete(record.Id);
    return true;
  }

  /**
   * Fault injection: changes stored values as a formula or a direct database write would, with no
   * transaction and so no change event. Any field may be set (system fields too); values are
   * checked against their field types.
   */
  writeSilently(sobject: string, id: string, values: Record<string, unknown>): SObjectRecord {
    const describe = this.describe(sobject);
    const current = this.get(describe.name, id);
    if (!current) throw new WriteError('NOT_FOUND', `The requested resource does not exist: ${describe.name} ${id}`);
    const next: SObjectRecord = { ...current };
    for (const [name, value] of Object.entries(values)) {
      const f = describeField(describe, name);
      if (!f || f.name === 'Id')
        throw new WriteError('INVALID_FIELD', `No such column '${name}' on sobject of type ${describe.name}`, [name]);
      next[f.name] = f.type === 'boolean' && value === null ? false : coerceFieldValue({ ...f, nillable: true }, value);
    }
    this.put(describe.name, next);
    return next;
  }

  /** A commit number for events that stand for a commit the store did not make (gap events). */
  nextCommitNumber(): number {
    return ++this.commitNumber;
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
    return () => {
      if (previous) table.set(previous.Id, previous);
      else table.delete(record.Id);
    };
  }

  /**
   * Every non-empty table's rows at this instant, for persistence. Writes replace a record object
   * rather than change it in place, so these arrays stay a consistent snapshot while later commits run.
   */
  snapshotTables(): [sobject: string, rows: SObjectRecord[]][] {
    return [...this.tables].filter(([, table]) => table.size > 0).map(([name, table]) => [name, [...table.values()]]);
  }

  /** The sequences a restarted org must carry on from: commit number and id counters per key prefix. */
  get counters(): StoreCounters {
    return { commitNumber: this.commitNumber, ids: this.ids.state };
  }

  /** Carries on from persisted counters, so no id or commit number is ever issued twice. */
  restoreCounters(counters: StoreCounters): void {
    this.commitNumber = counters.commitNumber;
    this.ids.restore(counters.ids);
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

  create(sobject: string, values: Record<string, unknown>, options: WriteOptions = {}): string {
    const describe = this.store.describe(sobject);
    checkWritable(describe, 'create', options);
    const now = formatDateTime(this.timestamp);
    const record: SObjectRecord = { Id: this.store.newId(describe) };
    for (const f of describe.fields) if (f.type === 'boolean') record[f.name] = false;
    Object.assign(record, this.coerce(describe, values, 'insert', options));
    // Salesforce makes the creating user the owner unless the write names one.
    if (describeField(describe, 'OwnerId') && record.OwnerId == null) record.OwnerId = this.userId;
    for (const f of describe.fields) {
      if (!f.nillable && !f.readOnly && !f.defaultedOnCreate && f.type !== 'boolean' && record[f.name] == null) {
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
    afterSave(this.store, this, describe.name, undefined, record);
    return record.Id;
  }

  update(sobject: string, id: string, values: Record<string, unknown>, options: WriteOptions = {}): void {
    const describe = this.store.describe(sobject);
    checkWritable(describe, 'update', options);
    const current = this.live(describe, id);
    const now = formatDateTime(this.timestamp);
    const next: SObjectRecord = { ...current, ...this.coerce(describe, values, 'update', options) };
    Object.assign(next, deriveFields(this.store, describe.name, current, next, now));
    const changed: Record<string, unknown> = {};
    for (const f of describe.fields) {
      if (next[f.name] !== current[f.name]) changed[f.name] = next[f.name] ?? null;
    }
    Object.assign(next, { LastModifiedDate: now, LastModifiedById: this.userId, SystemModstamp: now });
    changed.LastModifiedDate = now;
    this.write(describe.name, next);
    this.changes.push({ sobject: describe.name, changeType: 'UPDATE', id: next.Id, fields: changed });
    afterSave(this.store, this, describe.name, current, next);
  }

  delete(sobject: string, id: string, options: WriteOptions = {}): void {
    const describe = this.store.describe(sobject);
    checkWritable(describe, 'delete', options);
    const current = this.live(describe, id);
    const deleted = { ...current, IsDeleted: true, SystemModstamp: formatDateTime(this.timestamp) };
    this.write(describe.name, deleted);
    this.changes.push({ sobject: describe.name, changeType: 'DELETE', id: current.Id, fields: {} });
    afterSave(this.store, this, describe.name, current, deleted);
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
    afterSave(this.store, this, describe.name, current, restored);
  }

  /** Marks a point to roll back to, so one record of a collection can fail while the others commit. */
  savepoint(): () => void {
    const undone = this.undo.length;
    const changed = this.changes.length;
    return () => {
      for (const undo of this.undo.splice(undone).reverse()) undo();
      this.changes.length = changed;
    };
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

  private coerce(
    describe: SObjectDescribe,
    values: Record<string, unknown>,
    operation: 'insert' | 'update',
    options: WriteOptions,
  ) {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(values)) {
      if (name === 'attributes') continue;
      const f = describeField(describe, name);
      if (!f)
        throw new WriteError('INVALID_FIELD', `No such column '${name}' on sobject of type ${describe.name}`, [name]);
      if (f.readOnly && !options.platform) {
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
