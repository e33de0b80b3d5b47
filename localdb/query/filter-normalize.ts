import type { Document } from 'bson';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { CommandError } from '../errors.ts';
import { isPlainObject } from './paths.ts';

const LOGICAL = ['$and', '$or', '$nor'];

/**
 * A query filter as mongod reads it before mingo sees it: `$comment` (a note for the profiler)
 * dropped; `$and`, `$or` and `$nor` refused when empty (mingo matched everything with an empty
 * `$and`); `$where` refused plainly, since localdb runs no JavaScript.
 */
export function normalizeFilter(filter: Document): Document {
  const { $comment: _comment, ...rest } = filter;
  return checkLogical(rest);
}

function checkLogical(filter: Document): Document {
  if (filter.$where !== undefined) {
    throw new CommandError(
      'BadValue',
      'localdb runs no JavaScript: $where is not supported here (use $expr, or MONGODB_URI)',
    );
  }
  for (const op of LOGICAL) {
    const clauses: unknown = filter[op];
    if (clauses === undefined) continue;
    if (!Array.isArray(clauses) || clauses.length === 0)
      throw new CommandError('BadValue', `${op} must be a nonempty array`);
    for (const clause of clauses) if (isPlainObject(clause)) checkLogical(clause);
  }
  return filter;
}

/**
 * `$all` as mongod defines it: every listed value matched as the field's own equality would (so
 * `{ tags: { $all: ['x'] } }` matches `tags: 'x'`, not only arrays holding it), `$elemMatch`
 * entries as themselves. mingo required an array field.
 */
export function $all(
  selector: string,
  value: unknown,
  options: Options,
): (obj: Document) => boolean {
  if (!Array.isArray(value) || value.length === 0) return () => false;
  const clauses = value.map((v) =>
    isPlainObject(v) && '$elemMatch' in v
      ? { [selector]: v }
      : v instanceof RegExp
        ? { [selector]: v }
        : { [selector]: { $eq: v } },
  );
  const query = new Query({ $and: clauses }, options);
  return (obj) => query.test(obj);
}
