import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { isNumeric, toNumber } from '../bson-type.ts';
import { isPlainObject } from '../paths.ts';
import { textLanguage } from './language.ts';

/** What a text index scores: each field's weight, and the languages. */
export interface TextIndex {
  /** Field path → weight; `$**` indexes every string of the document. */
  readonly weights: ReadonlyMap<string, number>;
  readonly defaultLanguage: string;
  readonly languageOverride: string;
  /** The index's fields before its text fields: a `$text` query needs equality on each. */
  readonly prefix: readonly string[];
}

/** The text options of an index spec (weights, default_language, language_override), checked. */
export function textIndexOptions(raw: Document, key: Readonly<Record<string, unknown>>) {
  const weights: Record<string, number> = {};
  for (const [field, kind] of Object.entries(key)) if (kind === 'text') weights[field] = 1;
  if (raw.weights !== undefined) {
    if (raw.weights === '$**') weights['$**'] = 1;
    else if (!isPlainObject(raw.weights)) {
      throw new CommandError('CannotCreateIndex', "text index option 'weights' must be an object");
    } else {
      for (const [field, weight] of Object.entries(raw.weights)) {
        if (!isNumeric(weight)) {
          throw new CommandError('CannotCreateIndex', 'weight for text index needs numeric type');
        }
        const n = Math.trunc(toNumber(weight));
        if (n <= 0 || n >= 100_000)
          throw new CommandError('CannotCreateIndex', 'score for word too high');
        weights[field] = n;
      }
    }
  }
  const defaultLanguage = raw.default_language ?? 'english';
  if (typeof defaultLanguage !== 'string') {
    throw new CommandError('CannotCreateIndex', 'default_language needs a string type');
  }
  textLanguage(defaultLanguage);
  const languageOverride = raw.language_override ?? 'language';
  if (typeof languageOverride !== 'string' || languageOverride === '') {
    throw new CommandError('CannotCreateIndex', 'language_override is not valid');
  }
  return { weights, default_language: defaultLanguage, language_override: languageOverride };
}

interface TextIndexSpec {
  readonly key: Readonly<Record<string, unknown>>;
  readonly weights?: Readonly<Record<string, number>>;
  readonly default_language?: string;
  readonly language_override?: string;
}

/** The collection's text index (MongoDB allows one), or the error a `$text` query gets without. */
export function requireTextIndex(specs: Iterable<TextIndexSpec>, ns: string): TextIndex {
  for (const spec of specs) {
    if (!Object.values(spec.key).includes('text')) continue;
    const fields = Object.keys(spec.key);
    const firstText = fields.findIndex((field) => spec.key[field] === 'text');
    return {
      weights: new Map(Object.entries(spec.weights ?? {})),
      defaultLanguage: spec.default_language ?? 'english',
      languageOverride: spec.language_override ?? 'language',
      prefix: fields.slice(0, firstText),
    };
  }
  throw new CommandError('IndexNotFound', `text index required for $text query (in ${ns})`);
}

/** Whether a filter condition is a plain equality (a value, or `{ $eq: value }`). */
function isEquality(condition: unknown): boolean {
  if (!isPlainObject(condition)) return condition !== undefined;
  const keys = Object.keys(condition);
  return keys.every((k) => !k.startsWith('$')) || (keys.length === 1 && keys[0] === '$eq');
}

/**
 * mongod answers `$text` through the text index only, and walks a compound one from its prefix:
 * the rest of the filter must give an equality on every prefix field (at its top level or in a
 * top-level `$and`), or the query has no plan.
 */
export function checkTextPrefix(index: TextIndex, rest: Document): void {
  const conditions = [rest, ...(Array.isArray(rest.$and) ? (rest.$and as unknown[]) : [])];
  const equal = (field: string) => conditions.some((c) => isPlainObject(c) && isEquality(c[field]));
  if (index.prefix.every(equal)) return;
  throw new CommandError(
    'NoQueryExecutionPlans',
    'error processing query: planner returned error :: caused by :: failed to use text index to satisfy $text query (if text index is compound, are equality predicates given for all prefix fields?)',
  );
}
