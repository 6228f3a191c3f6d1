import type { ValueTransformer } from 'typeorm';

/** PostgreSQL returns numeric as a string (it may exceed a double); our amounts fit in one. */
export const numericColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
