import type { Document } from 'bson';
import { CommandError } from '../errors.ts';
import { isPlainObject } from './paths.ts';

/** A command's `collation`, as the string comparison sorts use and the folding queries use. */
export interface Collation {
  readonly compare: (a: string, b: string) => number;
  /**
   * Maps a string to the form equal strings share under this collation (strength 1 ignores case
   * and accents, 2 ignores case); filters test folded copies of documents, comparisons fold
   * their operands. Undefined at strength 3+, where strings are equal only when identical.
   */
  readonly fold: ((s: string) => string) | undefined;
  /** The `collation` document as the command gave it (for mingo's options). */
  readonly spec: Document;
}

const SENSITIVITY: Readonly<Record<number, Intl.CollatorOptions['sensitivity']>> = Object.freeze({
  1: 'base',
  2: 'accent',
  3: 'variant',
});

/** Parses a `collation` argument; 'simple' (MongoDB's binary comparison) and none give undefined. */
export function parseCollation(raw: unknown): Collation | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isPlainObject(raw))
    throw new CommandError(
      'TypeMismatch',
      "BSON field 'collation' is the wrong type, expected type 'object'",
    );
  const spec = raw as Document;
  if (typeof spec.locale !== 'string')
    throw new CommandError('BadValue', 'Missing expected field "locale"');
  if (spec.locale === 'simple') return undefined;
  const strength = Number(spec.strength ?? 3);
  if (![1, 2, 3, 4, 5].includes(strength))
    throw new CommandError('BadValue', `collation strength must be 1 to 5, got ${strength}`);
  const locale = spec.locale.replace('_', '-');
  // Intl falls back to another locale for one it does not know; mongod refuses it.
  if (Intl.Collator.supportedLocalesOf([locale]).length === 0)
    throw new CommandError('BadValue', `Field 'locale' is invalid in: ${JSON.stringify(spec)}`);
  let collator: Intl.Collator;
  try {
    collator = new Intl.Collator(locale, {
      sensitivity: SENSITIVITY[strength] ?? 'variant',
      numeric: spec.numericOrdering === true,
      ...(spec.caseFirst === 'upper' || spec.caseFirst === 'lower'
        ? { caseFirst: spec.caseFirst }
        : {}),
    });
  } catch (error) {
    throw new CommandError(
      'BadValue',
      `unknown collation locale: ${spec.locale}`,
      {},
      { cause: error },
    );
  }
  const fold =
    strength === 1
      ? (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase()
      : strength === 2
        ? (s: string) => s.toLocaleLowerCase()
        : undefined;
  return { compare: collator.compare, fold, spec };
}

const PARSED = new WeakMap<object, Collation | undefined>();

/**
 * The collation of mingo options (`options.collation`), parsed once per spec object: the
 * operators that compare at evaluation time ask for it per document. mingo's own option objects
 * may carry an empty one (its updater's arrayFilters): no locale, no collation.
 */
export function collationOf(spec: unknown): Collation | undefined {
  if (!isPlainObject(spec) || typeof spec.locale !== 'string') return undefined;
  if (!PARSED.has(spec)) PARSED.set(spec, parseCollation(spec));
  return PARSED.get(spec);
}

/**
 * A collation as mongod lists it on an index or a collection: every field, defaults filled in
 * (`backwards` is true for Canadian French only), with the ICU version; undefined for 'simple'.
 */
export function listedCollation(given: unknown): Document | undefined {
  if (parseCollation(given) === undefined) return undefined;
  const raw = given as Document;
  return {
    locale: raw.locale,
    caseLevel: raw.caseLevel ?? false,
    caseFirst: raw.caseFirst ?? 'off',
    strength: raw.strength ?? 3,
    numericOrdering: raw.numericOrdering ?? false,
    alternate: raw.alternate ?? 'non-ignorable',
    maxVariable: raw.maxVariable ?? 'punct',
    normalization: raw.normalization ?? false,
    backwards: raw.backwards ?? raw.locale === 'fr_CA',
    version: '57.1',
  };
}
