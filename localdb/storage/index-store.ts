import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { CommandError } from '../errors.ts';
import { canonicalKey } from '../query/canonical-key.ts';
import { parseCollation } from '../query/collation.ts';
import { LOCALDB_CONTEXT } from '../query/mingo-context.ts';
import { pathValues } from '../query/paths.ts';
import { toView } from '../query/view.ts';
import { formatDocument } from './format-key.ts';
import type { IndexSpec } from './index-spec.ts';
import { OrderedEntries, type OrderedEntry } from './ordered-entries.ts';

/** One key a document contributes to an index: the canonical string and the values it is made of. */
export interface IndexKey {
  readonly key: string;
  readonly values: readonly unknown[];
}

function cartesian(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>(
    (acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])),
    [[]],
  );
}

/** Id sets shared between an index and its snapshot copies: whichever side changes one copies it first. */
const SHARED = new WeakSet<Set<string>>();

/**
 * A secondary index: canonical key → ids (canonical `_id` keys) of the documents holding it.
 * Arrays are multikey (one entry per element, per combination for compound keys); a missing field
 * indexes as null unless the index is sparse; partial indexes hold only matching documents.
 */
export class IndexStore {
  readonly spec: IndexSpec;
  readonly entries = new Map<string, Set<string>>();
  readonly #fields: string[];
  readonly #partial: Query | undefined;
  /** A case- or accent-insensitive collation's folding: equal strings share one key. */
  readonly #fold: ((s: string) => string) | undefined;
  /** The collation's string order, which the ordered entries follow. */
  readonly #strings: ((a: string, b: string) => number) | undefined;
  /** The entries in key order, built on the first sorted/range query and kept up to date after. */
  #ordered: OrderedEntries | undefined;

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.#fields = Object.keys(spec.key);
    this.#partial = spec.partialFilterExpression
      ? new Query(toView(spec.partialFilterExpression) as Document, { context: LOCALDB_CONTEXT })
      : undefined;
    const collation = parseCollation(spec.collation);
    this.#fold = collation?.fold;
    this.#strings = collation?.compare;
  }

  /**
   * Whether equal strings share a key (a case- or accent-insensitive collation's uniqueness):
   * then a key lookup is no equality test under any other collation, and the planner skips it.
   * The ordered entries keep the stored values, so ranges and sorts may still walk the index.
   */
  get foldsKeys(): boolean {
    return this.#fold !== undefined;
  }

  get fields(): readonly string[] {
    return this.#fields;
  }

  /** Whether this index may answer an equality lookup by itself (it holds every document). */
  get complete(): boolean {
    return !this.#partial;
  }

  /** Whether every key field is ascending/descending (hashed, text and geo keys have no order). */
  get orderable(): boolean {
    return this.#fields.every((f) => typeof this.spec.key[f] === 'number');
  }

  /**
   * The index in key order (undefined for hashed/text/geo keys), built from `docs` the first time:
   * a sorted array costs O(n) per out-of-order insert, so nothing is kept until a query wants it.
   */
  ordered<T extends { readonly id: string; readonly seq?: number; readonly doc: Document }>(
    docs: Iterable<T>,
    view: (stored: T) => Document,
  ): OrderedEntries | undefined {
    if (!this.orderable) return undefined;
    if (this.#ordered) return this.#ordered;
    const entries: OrderedEntry[] = [];
    let multikey = false;
    for (const stored of docs) {
      const keys = this.keysFor(stored.doc, () => view(stored));
      if (keys.length > 1) multikey = true;
      for (const { values } of keys) entries.push({ values, id: stored.id, seq: stored.seq ?? 0 });
    }
    this.#ordered = new OrderedEntries(
      this.#fields.map((f) => Number(this.spec.key[f])),
      entries,
      this.#strings ? { strings: this.#strings } : {},
    );
    this.#ordered.multikey = multikey;
    return this.#ordered;
  }

  /** The keys `doc` contributes (empty when sparse/partial leave it out). `view` is its mingo view. */
  keysFor(doc: Document, view: () => Document): IndexKey[] {
    const perField = this.#fields.map((f) => pathValues(doc, f));
    if (this.spec.sparse && perField.every((values) => values.length === 0)) return [];
    if (this.#partial && !this.#partial.test(view())) return [];
    const combos = cartesian(perField.map((values) => (values.length ? values : [null])));
    const seen = new Map<string, IndexKey>();
    const fold = this.#fold;
    for (const values of combos) {
      const key = values
        .map((v) => canonicalKey(fold && typeof v === 'string' ? fold(v) : v))
        .join('|');
      if (!seen.has(key)) seen.set(key, { key, values });
    }
    return [...seen.values()];
  }

  /**
   * A copy for a transaction's snapshot, in time proportional to the number of keys: the id sets
   * are shared (copy-on-write on both sides) instead of rebuilt from the documents.
   */
  snapshot(): IndexStore {
    const copy = new IndexStore(this.spec);
    copy.#ordered = this.#ordered?.snapshot();
    for (const [key, ids] of this.entries) {
      SHARED.add(ids);
      copy.entries.set(key, ids);
    }
    return copy;
  }

  /** The id set of `key`, made this index's own first when it is shared with a copy. */
  #writable(key: string): Set<string> | undefined {
    const ids = this.entries.get(key);
    if (!ids || !SHARED.has(ids)) return ids;
    const own = new Set(ids);
    this.entries.set(key, own);
    return own;
  }

  /** `seq` is the document's natural-order rank (without it the ordered copy is dropped). */
  add(id: string, keys: readonly IndexKey[], seq?: number): void {
    if (this.#ordered && seq === undefined) this.#ordered = undefined;
    if (this.#ordered && seq !== undefined) {
      if (keys.length > 1) this.#ordered.multikey = true;
      for (const { values } of keys) this.#ordered.insert({ values, id, seq });
    }
    for (const { key } of keys) {
      const ids = this.#writable(key);
      if (ids) ids.add(id);
      else this.entries.set(key, new Set([id]));
    }
  }

  remove(id: string, keys: readonly IndexKey[], seq?: number): void {
    if (this.#ordered && seq === undefined) this.#ordered = undefined;
    if (this.#ordered && seq !== undefined)
      for (const { values } of keys) this.#ordered.remove(values, seq, id);
    for (const { key } of keys) {
      const ids = this.#writable(key);
      ids?.delete(id);
      if (ids?.size === 0) this.entries.delete(key);
    }
  }

  lookup(key: string): ReadonlySet<string> | undefined {
    return this.entries.get(key);
  }

  /** Throws E11000 when a unique index already holds one of `keys` for another document. */
  checkUnique(ns: string, id: string, keys: readonly IndexKey[]): void {
    if (!this.spec.unique) return;
    for (const { key, values } of keys) {
      const holders = this.entries.get(key);
      if (!holders || (holders.size === 1 && holders.has(id))) continue;
      const keyValue: Document = {};
      this.#fields.forEach((f, i) => {
        keyValue[f] = values[i] ?? null;
      });
      throw duplicateKeyError(ns, this.spec.name, { ...this.spec.key }, keyValue);
    }
  }
}

export function duplicateKeyError(
  ns: string,
  indexName: string,
  keyPattern: Document,
  keyValue: Document,
): CommandError {
  return new CommandError(
    'DuplicateKey',
    `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: ${formatDocument(keyValue)}`,
    { keyPattern, keyValue },
  );
}
