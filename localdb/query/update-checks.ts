import type { Document } from 'bson';
import { CommandError } from '../errors.ts';
import { formatValue } from '../storage/format-key.ts';
import { isNumeric } from './bson-type.ts';
import { bsonTypeName } from './bson-type-name.ts';
import { canonicalKey } from './canonical-key.ts';
import { getPath, isPlainObject } from './paths.ts';

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

/** Refuses unknown operators, operands that are not documents, and overlapping paths ($rename's too). */
export function validateOperators(modifier: Document): void {
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

/** `$inc`/`$mul` need a numeric amount and, where the field exists, a numeric value to change. */
export function checkArithmeticTargets(doc: Document, modifier: Document): void {
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
export function guardId(doc: Document, modifier: Document, inserting: boolean): Document {
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

/** An error thrown applying an update as a command error: mingo's are told apart by their message. */
export function asUpdateError(error: unknown): CommandError {
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

/** Only the stages that reshape one document may form a pipeline-style update. */
export function checkPipelineStages(stages: Document[]): void {
  for (const stage of stages) {
    const name = Object.keys(stage)[0] ?? '';
    if (!PIPELINE_STAGES.has(name)) {
      throw new CommandError(
        'InvalidOptions',
        `${name} is not allowed to be used within an update`,
      );
    }
  }
}
