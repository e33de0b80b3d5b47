import { EJSON } from 'bson';
import { canonical, hasType, isDocument, numericValue, show } from './bson-values.ts';

/** What matching needs from the test's entity map. */
export interface MatchEntities {
  /** A saved BSON entity (`$$matchesEntity`). */
  bsonValue(name: string): unknown;
  /** The logical session id document `{ id: Binary }` of a session entity (`$$sessionLsid`). */
  sessionLsid(name: string): unknown;
}

export class MatchError extends Error {
  constructor(path: string, message: string) {
    super(`${path || '(root)'}: ${message}`);
    this.name = 'MatchError';
  }
}

/** The single `$$` key of an operator document, if `value` is one. */
function operatorOf(value: unknown): string | undefined {
  if (!isDocument(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0]?.startsWith('$$') ? keys[0] : undefined;
}

function definedKeys(doc: Record<string, unknown>): string[] {
  return Object.keys(doc).filter((key) => doc[key] !== undefined);
}

/**
 * The unified format's "Evaluating Matches": special `$$` operators, extra fields allowed
 * only in root-level documents, arrays of equal length, flexible numeric comparison.
 * `root` marks the value as a root-level document; `rootElements` marks an array of them
 * (the documents of a find/aggregate result). Throws a MatchError naming the path.
 */
export function assertMatches(
  expected: unknown,
  actualValue: unknown,
  entities: MatchEntities,
  options: { root?: boolean; rootElements?: boolean; path?: string } = {},
): void {
  const path = options.path ?? '';
  // The driver builds some command fields (e.g. `sort`) as Maps; they are documents on the wire.
  const actual = actualValue instanceof Map ? Object.fromEntries(actualValue) : actualValue;
  const root = options.root ?? false;
  const op = operatorOf(expected);
  if (op !== undefined) {
    matchOperator(
      op,
      (expected as Record<string, unknown>)[op],
      actual,
      actual !== undefined,
      entities,
      root,
      path,
    );
    return;
  }
  if (isDocument(expected)) {
    if (!isDocument(actual))
      throw new MatchError(path, `expected a document ${show(expected)}, got ${show(actual)}`);
    for (const [key, value] of Object.entries(expected)) {
      const childPath = path ? `${path}.${key}` : key;
      const childOp = operatorOf(value);
      const present = actual[key] !== undefined;
      if (childOp === '$$exists') {
        const wanted = (value as Record<string, unknown>)[childOp];
        if (wanted !== present)
          throw new MatchError(
            childPath,
            wanted ? 'expected to exist' : `expected absent, got ${show(actual[key])}`,
          );
        continue;
      }
      if (childOp === '$$unsetOrMatches' && !present) continue;
      if (!present && childOp === undefined)
        throw new MatchError(childPath, `missing, expected ${show(value)}`);
      assertMatches(value, actual[key], entities, { path: childPath });
    }
    if (!root) {
      const extra = definedKeys(actual).filter((key) => !(key in expected));
      if (extra.length > 0)
        throw new MatchError(path, `unexpected fields ${extra.join(', ')} in ${show(actual)}`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      throw new MatchError(path, `expected an array ${show(expected)}, got ${show(actual)}`);
    if (actual.length !== expected.length) {
      throw new MatchError(
        path,
        `expected ${expected.length} elements, got ${actual.length}: ${show(actual)}`,
      );
    }
    expected.forEach((value, index) => {
      assertMatches(value, actual[index], entities, {
        root: options.rootElements ?? false,
        path: `${path}[${index}]`,
      });
    });
    return;
  }
  assertScalar(expected, actual, path);
}

function assertScalar(expected: unknown, actual: unknown, path: string): void {
  const expectedNumber = numericValue(expected);
  if (expectedNumber !== undefined) {
    const actualNumber = numericValue(actual);
    if (actualNumber === undefined || actualNumber !== expectedNumber) {
      throw new MatchError(path, `expected ${show(expected)}, got ${show(actual)}`);
    }
    return;
  }
  if (expected === null || typeof expected !== 'object') {
    if (expected !== actual)
      throw new MatchError(path, `expected ${show(expected)}, got ${show(actual)}`);
    return;
  }
  if (actual === undefined || canonical(expected) !== canonical(actual)) {
    throw new MatchError(path, `expected ${show(expected)}, got ${show(actual)}`);
  }
}

function matchOperator(
  op: string,
  arg: unknown,
  actual: unknown,
  present: boolean,
  entities: MatchEntities,
  root: boolean,
  path: string,
): void {
  switch (op) {
    case '$$exists':
      if (arg !== present)
        throw new MatchError(path, arg ? 'expected to exist' : 'expected absent');
      return;
    case '$$unsetOrMatches':
      if (present) assertMatches(arg, actual, entities, { root, path });
      return;
    case '$$type': {
      const names = (Array.isArray(arg) ? arg : [arg]) as string[];
      if (!present || !hasType(actual, names))
        throw new MatchError(path, `expected type ${names.join('|')}, got ${show(actual)}`);
      return;
    }
    case '$$matchesEntity':
      assertMatches(entities.bsonValue(String(arg)), actual, entities, { root, path });
      return;
    case '$$sessionLsid':
      assertMatches(entities.sessionLsid(String(arg)), actual, entities, { path });
      return;
    case '$$matchesHexBytes':
      matchHexBytes(String(arg), actual, path);
      return;
    case '$$lte': {
      const limit = numericValue(arg);
      const value = numericValue(actual);
      if (limit === undefined) throw new Error(`$$lte needs a number, got ${show(arg)}`);
      if (value === undefined || value > limit)
        throw new MatchError(path, `expected <= ${limit}, got ${show(actual)}`);
      return;
    }
    case '$$matchAsDocument': {
      if (typeof actual !== 'string')
        throw new MatchError(path, `expected an extended JSON string, got ${show(actual)}`);
      assertMatches(arg, EJSON.parse(actual, { relaxed: false }), entities, { path });
      return;
    }
    case '$$matchAsRoot':
      assertMatches(arg, actual, entities, { root: true, path });
      return;
    default:
      throw new Error(`unsupported special operator ${op}`);
  }
}

function matchHexBytes(hex: string, actual: unknown, path: string): void {
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new Error(`malformed $$matchesHexBytes ${hex}`);
  const bytes =
    actual instanceof Uint8Array
      ? actual
      : isBinary(actual)
        ? actual.buffer
        : typeof actual === 'string'
          ? Buffer.from(actual, 'latin1')
          : undefined;
  if (bytes === undefined || Buffer.from(bytes).toString('hex') !== hex.toLowerCase()) {
    throw new MatchError(path, `expected bytes ${hex}, got ${show(actual)}`);
  }
}

function isBinary(value: unknown): value is { buffer: Uint8Array } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { _bsontype?: string })._bsontype === 'Binary'
  );
}
