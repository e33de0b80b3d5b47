import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { canonicalKey } from '../../query/canonical-key.ts';
import type { Collation } from '../../query/collation.ts';
import { compareBson } from '../../query/compare.ts';
import { compileFilter } from '../../query/filter.ts';
import { withMingo } from '../../query/mingo-errors.ts';
import { pathValues } from '../../query/paths.ts';
import type { CommandContext } from '../types.ts';
import { checkFields, collectionArg, optDocument, optInteger } from './args.ts';
import { collationFor } from './default-collation.ts';
import { checkHint } from './hint.ts';

export function count(command: Document, context: CommandContext): Document {
  checkFields(command, 'count', ['query', 'limit', 'skip', 'hint', 'fields', 'collation']);
  const name = collectionArg(command, 'count');
  const query = optDocument(command, 'count', 'query') ?? {};
  const limit = Math.abs(optInteger(command, 'count', 'limit') ?? 0);
  const skip = optInteger(command, 'count', 'skip', 0) ?? 0;
  const collection = context.engine.collection(context.db, name);
  const collation = collationFor(command.collation, collection);
  checkHint(collection, command.hint);
  if (!collection) {
    withMingo(() => compileFilter(query));
    return { n: 0 };
  }
  const total =
    Object.keys(query).length === 0
      ? collection.docs.size
      : withMingo(
          () => collection.match(query, limit ? skip + limit : 0, undefined, collation).length,
        );
  const n = Math.max(0, total - skip);
  return { n: limit ? Math.min(n, limit) : n };
}

export function distinct(command: Document, context: CommandContext): Document {
  checkFields(command, 'distinct', ['key', 'query', 'hint', 'collation']);
  const name = collectionArg(command, 'distinct');
  if (typeof command.key !== 'string') {
    throw new CommandError('TypeMismatch', "BSON field 'distinct.key' is missing or not a string");
  }
  const key = command.key;
  const query = optDocument(command, 'distinct', 'query') ?? {};
  const collection = context.engine.collection(context.db, name);
  const collation = collationFor(command.collation, collection);
  if (!collection) {
    withMingo(() => compileFilter(query));
    return { values: [] };
  }
  const matched = withMingo(() => collection.match(query, 0, undefined, collation));
  return {
    values: distinctValues(
      matched.map((s) => s.doc),
      key,
      collation,
    ),
  };
}

/** The distinct values of `key` in `docs` (array elements one by one), in BSON order. */
export function distinctValues(
  docs: Iterable<Document>,
  key: string,
  collation?: Collation,
): unknown[] {
  const seen = new Map<string, unknown>();
  for (const doc of docs) {
    for (const value of pathValues(doc, key)) {
      if (value === undefined) continue;
      const k = canonicalKey(
        collation?.fold && typeof value === 'string' ? collation.fold(value) : value,
      );
      if (!seen.has(k)) seen.set(k, value);
    }
  }
  return [...seen.values()].sort(compareBson);
}
