import type { Document } from 'bson';
import { CommandError } from '../errors.ts';
import { isPlainObject } from '../query/paths.ts';

/** The operators mongod 8.0 takes in a `partialFilterExpression` on a field. */
const FIELD_OPERATORS = new Set(['$eq', '$exists', '$gt', '$gte', '$lt', '$lte', '$type', '$in']);

const unsupported = (what: string) =>
  new CommandError('CannotCreateIndex', `Expression not supported in partial index: ${what}`);

/**
 * Refuses a partial index filter mongod refuses (67 CannotCreateIndex): only equality, `$eq`,
 * `$exists: true`, ranges, `$type` and `$in` on fields, joined by `$and` and `$or`; not `$ne`,
 * `$nin`, `$exists: false`, a regular expression, `$not`, `$nor`, `$expr`... An index that
 * builds here then builds on Atlas too.
 */
export function checkPartialFilter(filter: Document): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) throw unsupported(key);
      for (const clause of value) {
        if (!isPlainObject(clause)) throw unsupported(key);
        checkPartialFilter(clause);
      }
    } else if (key.startsWith('$')) {
      throw unsupported(key);
    } else {
      checkField(key, value);
    }
  }
}

function checkField(field: string, condition: unknown): void {
  if (
    condition instanceof RegExp ||
    (condition as { _bsontype?: string })?._bsontype === 'BSONRegExp'
  )
    throw unsupported(`${field} regex`);
  if (!isPlainObject(condition)) return;
  const operators = Object.keys(condition).filter((k) => k.startsWith('$'));
  if (operators.length === 0) return; // equality with an embedded document
  for (const operator of operators) {
    if (!FIELD_OPERATORS.has(operator)) throw unsupported(`${field} ${operator}`);
    const operand = (condition as Document)[operator];
    if (operator === '$exists' && !operand) throw unsupported(`${field} $exists: false`);
    if (operator === '$eq' && (operand instanceof RegExp || operand?._bsontype === 'BSONRegExp'))
      throw unsupported(`${field} regex`);
  }
}
