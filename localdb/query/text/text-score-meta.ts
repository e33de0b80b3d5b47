import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { isPlainObject } from '../paths.ts';

/** Whether a projection or sort value is `{ $meta: 'textScore' }`. */
export function isTextScoreMeta(value: unknown): boolean {
  return isPlainObject(value) && value.$meta === 'textScore' && Object.keys(value).length === 1;
}

/** The fields of a find projection or sort that ask for the text score, and the rest of it. */
export function splitTextScoreMeta(spec: Document | undefined): {
  readonly fields: readonly string[];
  readonly rest: Document | undefined;
} {
  if (!spec) return { fields: [], rest: spec };
  const fields = Object.keys(spec).filter((k) => isTextScoreMeta(spec[k]));
  if (fields.length === 0) return { fields, rest: spec };
  const rest = Object.fromEntries(Object.entries(spec).filter(([k]) => !fields.includes(k)));
  return { fields, rest };
}

/** The error for a text score asked of a query without `$text`. */
export function noTextScore(): CommandError {
  return new CommandError(
    'Location40218',
    'query requires text score metadata, but it is not available',
  );
}
