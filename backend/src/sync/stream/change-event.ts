// Change Data Capture events as they arrive over CometD, checked before anything is applied:
// an event we cannot understand is reported, never half-applied.

export const CHANGE_TYPES = [
  'CREATE',
  'UPDATE',
  'DELETE',
  'UNDELETE',
  'GAP_CREATE',
  'GAP_UPDATE',
  'GAP_DELETE',
  'GAP_UNDELETE',
  'GAP_OVERFLOW',
] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: ChangeType;
  transactionKey: string;
  sequenceNumber: number;
  commitTimestamp: number;
  commitNumber: number;
  commitUser: string;
  changedFields: string[];
  nulledFields: string[];
}

export interface ChangeEvent {
  header: ChangeEventHeader;
  /** The changed fields' values, without the header. */
  fields: Record<string, unknown>;
  replayId: number;
}

export class InvalidChangeEvent extends Error {}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function parseChangeEvent(message: unknown): ChangeEvent {
  const m = message as { payload?: Record<string, unknown>; event?: { replayId?: unknown } } | null;
  const replayId = m?.event?.replayId;
  if (typeof replayId !== 'number' || !Number.isInteger(replayId))
    throw new InvalidChangeEvent('event.replayId is missing or not an integer');
  const { ChangeEventHeader: header, ...fields } = m?.payload ?? {};
  const h = header as Partial<ChangeEventHeader> | undefined;
  if (!h || typeof h !== 'object') throw new InvalidChangeEvent(`event ${replayId} has no ChangeEventHeader`);
  if (typeof h.entityName !== 'string') throw new InvalidChangeEvent(`event ${replayId}: entityName is missing`);
  if (!CHANGE_TYPES.includes(h.changeType as ChangeType))
    throw new InvalidChangeEvent(`event ${replayId}: unknown changeType ${String(h.changeType)}`);
  if (!isStringArray(h.recordIds)) throw new InvalidChangeEvent(`event ${replayId}: recordIds must be an array of ids`);
  if (typeof h.commitTimestamp !== 'number')
    throw new InvalidChangeEvent(`event ${replayId}: commitTimestamp must be epoch milliseconds`);
  return {
    replayId,
    fields,
    header: {
      entityName: h.entityName,
      recordIds: h.recordIds,
      changeType: h.changeType as ChangeType,
      transactionKey: String(h.transactionKey ?? ''),
      sequenceNumber: Number(h.sequenceNumber ?? 0),
      commitTimestamp: h.commitTimestamp,
      commitNumber: Number(h.commitNumber ?? 0),
      commitUser: String(h.commitUser ?? ''),
      changedFields: isStringArray(h.changedFields) ? h.changedFields : [],
      nulledFields: isStringArray(h.nulledFields) ? h.nulledFields : [],
    },
  };
}
