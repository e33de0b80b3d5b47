import type { Document } from 'bson';
import { toView } from './view.ts';

/**
 * Stage parameters whose strings name a field, a collection or a database: never values a
 * collation compares (`$count: 'authorCount'` names its output field).
 */
const NAMES = new Set([
  'from',
  'localField',
  'foreignField',
  'as',
  'includeArrayIndex',
  'connectFromField',
  'connectToField',
  'depthField',
  'into',
  'coll',
  'db',
  'on',
  '$count',
  '$out',
]);

/** Where a pipeline compares strings: filters and the comparison expressions. */
const COMPARING = new Set([
  '$match',
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$cmp',
  '$in',
  '$nin',
  '$indexOfArray',
]);

/** A regular expression's pattern and options: mongod applies no collation to them. */
const PATTERNS = new Set(['$regex', '$options']);
const KEPT_IN_STAGES = new Set([...NAMES, ...PATTERNS]);

function walk(
  value: unknown,
  fold: (s: string) => string,
  comparing: boolean,
  kept: ReadonlySet<string>,
): unknown {
  if (typeof value === 'string') return comparing && !value.startsWith('$') ? fold(value) : value;
  if (Array.isArray(value)) return value.map((v) => walk(v, fold, comparing, kept));
  if (value === null || typeof value !== 'object') return value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Document = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      kept.has(key) && typeof v === 'string'
        ? v
        : walk(v, fold, comparing || COMPARING.has(key), kept);
  }
  return out;
}

/**
 * A filter's view under a folding collation: its strings folded, as the documents it is tested
 * on are, but for regular expression patterns, which match the stored strings (regex-operator.ts).
 */
export function foldFilter(filter: Document, fold: (s: string) => string): Document {
  return walk(toView(filter), fold, true, PATTERNS) as Document;
}

/**
 * A pipeline's stages as mingo reads them under a case- or accent-folding collation: the string
 * literals it compares (in `$match`, whose filter tests a folded copy of each document, and in
 * comparison expressions, which fold their operands too: comparison-operators.ts) folded, but
 * not field paths (`'$authorId'`), variables, the names stages take (`localField`, `as`, ...)
 * or the literals it outputs (`$addFields: { label: 'Hello' }` stays 'Hello'). The documents
 * themselves are never folded, so what a stage computes from their strings keeps their case.
 */
export function foldStages(stages: readonly Document[], fold?: (s: string) => string): Document[] {
  const views = toView(stages) as Document[];
  return fold ? (walk(views, fold, false, KEPT_IN_STAGES) as Document[]) : views;
}
