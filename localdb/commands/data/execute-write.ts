import type { Document } from 'bson';
import { compileFilter } from '../../query/filter.ts';
import { parseSort, sortDocuments } from '../../query/sort.ts';
import { isOperatorUpdate } from '../../query/update-checks.ts';
import type { Engine } from '../../storage/engine.ts';
import { collationFor } from './default-collation.ts';
import { checkHint } from './hint.ts';
import { type ModifyArgs, modified, upserted } from './modify.ts';

export interface UpdateStatement extends ModifyArgs {
  readonly multi: boolean;
  readonly upsert: boolean;
  readonly hint: unknown;
  readonly sort: Document | undefined;
  /** As the statement gave it: parsed with the collection's default (default-collation.ts). */
  readonly collation: unknown;
}

export interface UpdateOutcome {
  readonly n: number;
  readonly nModified: number;
  readonly upserted?: { readonly _id: unknown };
}

/** One update statement (of `update` or `bulkWrite`): matches, modifies each match, or upserts. */
export function executeUpdate(
  engine: Engine,
  db: string,
  name: string,
  statement: UpdateStatement,
  bypassValidation: boolean,
): UpdateOutcome {
  const existing = engine.collection(db, name);
  checkHint(existing, statement.hint);
  const collation = collationFor(statement.collation, existing);
  const limit = statement.multi || statement.sort ? 0 : 1;
  let matches = existing?.match(statement.filter, limit, statement.variables, collation) ?? [];
  if (!existing) compileFilter(statement.filter, statement.variables);
  if (statement.sort && existing) {
    const spec = parseSort(statement.sort);
    matches = sortDocuments(matches, spec, (s) => existing.viewOf(s), collation?.compare).slice(
      0,
      1,
    );
  }
  if (matches.length === 0) {
    if (!statement.upsert) return { n: 0, nModified: 0 };
    const doc = upserted(statement);
    const { collection } = engine.ensureCollection(db, name);
    engine.applyWrite(collection, { kind: 'insert', doc, bypassValidation });
    return { n: 1, nModified: 0, upserted: { _id: doc._id } };
  }
  let nModified = 0;
  for (const stored of matches) {
    const next = modified(stored.doc, statement);
    if (next !== stored.doc && existing) {
      engine.applyWrite(existing, {
        kind: 'replace',
        id: stored.id,
        doc: next,
        bypassValidation,
        byOperators: isOperatorUpdate(statement.update),
      });
      nModified++;
    }
  }
  return { n: matches.length, nModified };
}

export interface DeleteStatement {
  readonly filter: Document;
  readonly limit: 0 | 1;
  readonly hint: unknown;
  readonly variables: Document | undefined;
  /** As the statement gave it: parsed with the collection's default (default-collation.ts). */
  readonly collation: unknown;
}

/** One delete statement (of `delete` or `bulkWrite`); returns how many documents went. */
export function executeDelete(
  engine: Engine,
  db: string,
  name: string,
  statement: DeleteStatement,
): number {
  const collection = engine.collection(db, name);
  checkHint(collection, statement.hint);
  if (!collection) {
    compileFilter(statement.filter, statement.variables);
    return 0;
  }
  let n = 0;
  const collation = collationFor(statement.collation, collection);
  for (const stored of collection.match(
    statement.filter,
    statement.limit,
    statement.variables,
    collation,
  )) {
    engine.applyWrite(collection, { kind: 'delete', id: stored.id });
    n++;
  }
  return n;
}
