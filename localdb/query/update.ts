import { type Document, serialize, Timestamp } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { updateOne } from 'mingo/updater';
import { CommandError } from '../errors.ts';
import { canonicalKey } from './canonical-key.ts';
import { exactUpdates } from './exact-arithmetic.ts';
import { LOCALDB_CONTEXT } from './mingo-context.ts';
import { isPlainObject } from './paths.ts';
import { queryOptions } from './query-options.ts';
import {
  asUpdateError,
  checkArithmeticTargets,
  checkPipelineStages,
  guardId,
  validateOperators,
} from './update-checks.ts';
import { orderAddedFields } from './update-order.ts';
import { checkUpdatePaths } from './update-paths.ts';
import { hintTree, numberPool, retype } from './update-retype.ts';
import { restoreOriginals, toView, toViewDocument } from './view.ts';

export interface UpdateOptions {
  readonly filter: Document;
  readonly arrayFilters?: Document[] | undefined;
  readonly variables?: Document | undefined;
  /** True when the update builds the document an upsert inserts ($setOnInsert applies). */
  readonly inserting: boolean;
}

let lastTimestamp = new Timestamp({ t: 0, i: 0 });

/** A timestamp later than every one given before, as a write's oplog time is (its seconds now). */
function nextTimestamp(): Timestamp {
  const seconds = Math.floor(Date.now() / 1000);
  const { t, i } = lastTimestamp;
  lastTimestamp = new Timestamp({ t: Math.max(seconds, t), i: seconds > t ? 1 : i + 1 });
  return lastTimestamp;
}

/**
 * `$currentDate` fields asked as `{ $type: 'timestamp' }` become a `$set` of a BSON Timestamp
 * (mingo's `$currentDate` writes milliseconds as a number).
 */
function withTimestamps(update: Document): Document {
  const current: unknown = update.$currentDate;
  if (!isPlainObject(current)) return update;
  const stamped = Object.keys(current).filter((path) => {
    const spec = current[path];
    return isPlainObject(spec) && spec.$type === 'timestamp';
  });
  if (stamped.length === 0) return update;
  const set: Document = isPlainObject(update.$set) ? { ...update.$set } : {};
  const rest = { ...current };
  for (const path of stamped) {
    if (path in set) {
      throw new CommandError(
        'ConflictingUpdateOperators',
        `Updating the path '${path}' would create a conflict at '${path}'`,
      );
    }
    set[path] = nextTimestamp();
    delete rest[path];
  }
  const { $currentDate: _replaced, ...others } = update;
  return { ...others, ...(Object.keys(rest).length ? { $currentDate: rest } : {}), $set: set };
}

/** Applies an operator or pipeline update to a copy of `doc`; returns `doc` itself when nothing changed. */
export function applyUpdate(
  doc: Document,
  update: Document | Document[],
  options: UpdateOptions,
): Document {
  if (Array.isArray(update)) return applyPipelineUpdate(doc, update, options);
  validateOperators(update);
  const { $setOnInsert, ...rest } = withTimestamps(update);
  const merged =
    options.inserting && $setOnInsert ? { ...rest, $set: { ...rest.$set, ...$setOnInsert } } : rest;
  checkArithmeticTargets(doc, merged);
  checkUpdatePaths(doc, merged);
  const modifier = guardId(doc, merged, options.inserting);
  if (Object.keys(modifier).length === 0) return doc;
  const view = toViewDocument(doc);
  const docs = [view];
  const positional = JSON.stringify(modifier).includes('.$');
  let unchangedView = false;
  try {
    const result = updateOne(
      docs,
      positional ? (toView(options.filter) as Document) : {},
      toView(modifier) as Document,
      {
        arrayFilters: options.arrayFilters?.map((f) => toView(f) as Document),
        let: options.variables ? (toView(options.variables) as Document) : undefined,
        cloneMode: 'deep',
      },
      { context: LOCALDB_CONTEXT, useStrictMode: true },
    );
    // mingo compares the views, where int64s past 2^53 round and every number is a double:
    // a change it sees nothing of may still change the stored bytes, as mongod counts changes.
    unchangedView = result.modifiedCount === 0;
  } catch (error) {
    throw asUpdateError(error);
  }
  const hints = hintTree(modifier);
  const written = hintTree(modifier, ['$set', '$setOnInsert']);
  const typed = orderAddedFields(
    exactUpdates(
      doc,
      modifier,
      retype(docs[0], doc, hints, numberPool(modifier), written) as Document,
    ),
    doc,
  );
  if (unchangedView && Buffer.from(serialize(typed)).equals(serialize(doc))) return doc;
  if (doc._id !== undefined && canonicalKey(typed._id) !== canonicalKey(doc._id)) {
    throw new CommandError(
      'ImmutableField',
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
  return typed;
}

/** A pipeline-style update: the stages run on the document's view; a dropped `_id` comes back. */
function applyPipelineUpdate(doc: Document, stages: Document[], options: UpdateOptions): Document {
  checkPipelineStages(stages);
  let result: Document | undefined;
  try {
    const variables = options.variables ? { variables: toView(options.variables) as Document } : {};
    result = new Aggregator(toView(stages) as Document[], queryOptions(variables)).run([
      toViewDocument(doc),
    ])[0];
  } catch (error) {
    throw asUpdateError(error);
  }
  const restored = (restoreOriginals(result ?? {}) ?? {}) as Document;
  const { _id, ...fields } = restored;
  const typed = { _id: _id === undefined ? doc._id : _id, ...fields };
  if (doc._id !== undefined && canonicalKey(typed._id) !== canonicalKey(doc._id)) {
    throw new CommandError(
      'ImmutableField',
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
  return canonicalKey(typed) === canonicalKey(doc) ? doc : typed;
}
