import { type Document, Timestamp } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { updateOne } from 'mingo/updater';
import { CommandError } from '../errors.ts';
import { formatValue } from '../storage/format-key.ts';
import { isNumeric } from './bson-type.ts';
import { bsonTypeName } from './bson-type-name.ts';
import { canonicalKey } from './canonical-key.ts';
import { exactUpdates } from './exact-arithmetic.ts';
import { LOCALDB_CONTEXT } from './mingo-context.ts';
import { getPath, isPlainObject } from './paths.ts';
import { queryOptions } from './query-options.ts';
import { orderAddedFields } from './update-order.ts';
import { checkUpdatePaths } from './update-paths.ts';
import { hintTree, numberPool, retype } from './update-retype.ts';
import { restoreOriginals, toView, toViewDocument } from './view.ts';

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$addToSet',
  '$pop',
  '$pull',
  '$pullAll',
  '$currentDate',
  '$bit',
  '$setOnInsert',
]);
const PIPELINE_STAGES = new Set([
  '$addFields',
  '$set',
  '$project',
  '$unset',
  '$replaceRoot',
  '$replaceWith',
]);

export interface UpdateOptions {
  readonly filter: Document;
  readonly arrayFilters?: Document[] | undefined;
  readonly variables?: Document | undefined;
  /** True when the update builds the document an upsert inserts ($setOnInsert applies). */
  readonly inserting: boolean;
}

/**
 * What update and findAndModify accept as `u` / `update`, checked before any document is read,
 * as mongod parses it: a document, or a pipeline whose every stage is a document.
 */
export function checkUpdateArgument(u: unknown): asserts u is Document | Document[] {
  if (!isPlainObject(u) && !Array.isArray(u))
    throw new CommandError('FailedToParse', 'Update argument must be either an object or an array');
  if (Array.isArray(u) && !u.every(isPlainObject))
    throw new CommandError(
      'TypeMismatch',
      "Each element of the 'pipeline' array must be an object",
    );
}

/** True when `u` is an operator update ($set...) rather than a replacement document. */
export function isOperatorUpdate(u: Document | Document[]): boolean {
  if (Array.isArray(u)) return true;
  const keys = Object.keys(u);
  return keys.length > 0 && keys[0]!.startsWith('$');
}

function validateOperators(modifier: Document): void {
  const seen: string[] = [];
  for (const [op, fields] of Object.entries(modifier)) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw new CommandError(
        'FailedToParse',
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainObject(fields)) {
      throw new CommandError(
        'FailedToParse',
        `Modifiers operate on fields but we found type ${bsonTypeName(fields)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${String(fields)}}`,
      );
    }
    const paths = Object.keys(fields);
    if (op === '$rename') paths.push(...Object.values(fields).map(String));
    for (const path of paths) {
      const clash = seen.find(
        (p) => p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`),
      );
      if (clash !== undefined) {
        throw new CommandError(
          'ConflictingUpdateOperators',
          `Updating the path '${path}' would create a conflict at '${clash.length < path.length ? clash : path}'`,
        );
      }
      seen.push(path);
    }
  }
}

function checkArithmeticTargets(doc: Document, modifier: Document): void {
  for (const op of ['$inc', '$mul'] as const) {
    const fields = modifier[op];
    if (!isPlainObject(fields)) continue;
    for (const [path, amount] of Object.entries(fields)) {
      const verb = op === '$inc' ? 'increment' : 'multiply';
      if (!isNumeric(amount)) {
        throw new CommandError(
          'TypeMismatch',
          `Cannot ${verb} with non-numeric argument: {${path}: ${JSON.stringify(amount)}}`,
        );
      }
      if (path.includes('$')) continue;
      const current = getPath(doc, path);
      if (current !== undefined && !isNumeric(current)) {
        throw new CommandError(
          'TypeMismatch',
          `Cannot apply ${op} to a value of non-numeric type. {_id: ${formatValue(doc._id)}} has the field '${path.split('.').pop()}' of non-numeric type ${bsonTypeName(current)}`,
        );
      }
    }
  }
}

/** Drops `$set: {_id: <same>}` (allowed by MongoDB, refused by mingo) and refuses a changed `_id`. */
function guardId(doc: Document, modifier: Document, inserting: boolean): Document {
  const out: Document = {};
  for (const [op, fields] of Object.entries(modifier)) {
    if (!isPlainObject(fields)) continue;
    const kept: Document = {};
    for (const [path, value] of Object.entries(fields)) {
      const touchesId = path === '_id' || path.startsWith('_id.');
      const sameId =
        touchesId &&
        (op === '$set' || op === '$setOnInsert') &&
        canonicalKey(getPath(doc, path)) === canonicalKey(value);
      if (sameId) continue;
      if (touchesId && !(inserting && doc._id === undefined)) {
        throw new CommandError(
          'ImmutableField',
          "Performing an update on the path '_id' would modify the immutable field '_id'",
        );
      }
      kept[path] = value;
    }
    if (Object.keys(kept).length) out[op] = kept;
  }
  return out;
}

function asUpdateError(error: unknown): CommandError {
  if (error instanceof CommandError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/immutable field/.test(message)) {
    return new CommandError(
      'ImmutableField',
      "Performing an update on the path '_id' would modify the immutable field '_id'",
      {},
      { cause: error },
    );
  }
  if (/conflict/.test(message))
    return new CommandError('ConflictingUpdateOperators', message, {}, { cause: error });
  return new CommandError('BadValue', message, {}, { cause: error });
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
    if (result.modifiedCount === 0) return doc;
  } catch (error) {
    throw asUpdateError(error);
  }
  const hints = hintTree(modifier);
  const typed = orderAddedFields(
    exactUpdates(doc, modifier, retype(docs[0], doc, hints, numberPool(modifier)) as Document),
    doc,
  );
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
  for (const stage of stages) {
    const name = Object.keys(stage)[0] ?? '';
    if (!PIPELINE_STAGES.has(name)) {
      throw new CommandError(
        'InvalidOptions',
        `${name} is not allowed to be used within an update`,
      );
    }
  }
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
