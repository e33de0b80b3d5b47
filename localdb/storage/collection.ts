import { type Document, ObjectId, UUID } from 'bson';
import { CommandError } from '../errors.ts';
import { canonicalKey } from '../query/canonical-key.ts';
import type { Collation } from '../query/collation.ts';
import { compileFilter } from '../query/filter.ts';
import { splitNear } from '../query/geo/near.ts';
import { isPlainObject } from '../query/paths.ts';
import { splitText } from '../query/text/split-text.ts';
import { toView, toViewDocument } from '../query/view.ts';
import { type CappedLimits, cappedLimits, storedSize } from './capped.ts';
import { DocumentMap } from './document-map.ts';
import { type IndexSpec, sameIndex } from './index-spec.ts';
import { duplicateKeyError, type IndexKey, IndexStore } from './index-store.ts';
import { matchNear, matchText } from './measured-match.ts';
import { OrderedEntries } from './ordered-entries.ts';
import { type OrderedPlanOptions, orderedMatch } from './ordered-plan.ts';
import { plannedCandidates } from './planner.ts';
import { rangeCandidates } from './range-plan.ts';
import { checkTimeField, type TimeSeriesOptions, timeSeriesOf } from './timeseries.ts';
import { DocumentValidator } from './validation.ts';

/**
 * Documents are kept as deserialized JS objects (never mutated in place, replaced whole on update):
 * mingo evaluates JS objects, so storing BSON buffers would mean deserializing every document on
 * every query; the wire layer serializes replies once anyway. Each stored document caches its
 * mingo view (numbers as JS numbers, see query/view.ts), built on first use after a write.
 */
export interface StoredDoc {
  readonly id: string;
  readonly doc: Document;
  /**
   * Natural-order rank: a new document gets the next number of one process-wide counter, a replaced
   * one keeps its rank (as Map order keeps its position), so ordered index walks break ties exactly
   * like a stable sort of a scan, in every collection and transaction shadow alike. Always set by
   * `apply`; optional only so that lock/test code can describe a document without one.
   */
  readonly seq?: number;
  view?: Document;
}

let lastSeq = 0;

/** The only ways a collection's contents change; every command goes through `Collection.apply`. */
export type WriteOp =
  | { readonly kind: 'insert'; readonly doc: Document; readonly bypassValidation?: boolean }
  | {
      readonly kind: 'replace';
      readonly id: string;
      readonly doc: Document;
      readonly bypassValidation?: boolean;
      /** Made by update operators or a pipeline (an `update` change event), not a replacement. */
      readonly byOperators?: boolean;
    }
  | { readonly kind: 'delete'; readonly id: string };

export const ID_INDEX: IndexSpec = Object.freeze({ key: Object.freeze({ _id: 1 }), name: '_id_' });

/** Puts `_id` first (generating an ObjectId when missing), as MongoDB stores documents. */
export function withIdFirst(doc: Document): Document {
  if (Object.keys(doc)[0] === '_id' && doc._id !== undefined) return doc;
  const { _id, ...rest } = doc;
  return { _id: _id === undefined ? new ObjectId() : _id, ...rest };
}

function checkIdValue(id: unknown): void {
  if (Array.isArray(id))
    throw new CommandError('InvalidIdField', "The '_id' value cannot be of type array");
  if (id instanceof RegExp || (id as { _bsontype?: string } | null)?._bsontype === 'BSONRegExp') {
    throw new CommandError('InvalidIdField', "The '_id' value cannot be of type regex");
  }
  if (isPlainObject(id)) {
    const dollar = Object.keys(id).find((k) => k.startsWith('$'));
    if (dollar) {
      throw new CommandError(
        'DollarPrefixedFieldName',
        `_id fields may not contain '$'-prefixed fields: ${dollar} is not valid for storage.`,
      );
    }
  }
}

export class Collection {
  readonly uuid = new UUID();
  readonly docs = new DocumentMap();
  readonly indexes = new Map<string, IndexStore>();
  db: string;
  name: string;
  #options: Document = {};
  #validator: DocumentValidator | undefined;
  /** The `_id` index in key order, built on the first sorted/range query (see idOrder). */
  #idOrder: OrderedEntries | undefined;
  /** The `docs.version` that #idOrder reflects. */
  #idOrderAt = -1;
  #capped: CappedLimits | undefined;
  #timeSeries: TimeSeriesOptions | undefined;
  /** BSON bytes of the documents of a capped collection (kept only when capped). */
  #cappedBytes = 0;

  constructor(db: string, name: string, options: Document = {}) {
    this.db = db;
    this.name = name;
    this.setOptions(options);
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get options(): Document {
    return this.#options;
  }

  /** The options of a time series collection, else undefined. */
  get timeSeries(): TimeSeriesOptions | undefined {
    return this.#timeSeries;
  }

  /** The limits of a capped collection, else undefined. */
  get capped(): CappedLimits | undefined {
    return this.#capped;
  }

  get cappedBytes(): number {
    return this.#cappedBytes;
  }

  setOptions(options: Document): void {
    this.#options = options;
    this.#capped = cappedLimits(options);
    this.#timeSeries = timeSeriesOf(options);
    this.#validator =
      options.validator && Object.keys(options.validator).length
        ? new DocumentValidator(options.validator)
        : undefined;
  }

  viewOf(stored: StoredDoc): Document {
    stored.view ??= toViewDocument(stored.doc);
    return stored.view;
  }

  indexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...[...this.indexes.values()].map((i) => i.spec)];
  }

  /** Builds an index over the existing documents; 'exists' when an identical one is there. */
  createIndex(spec: IndexSpec): 'created' | 'exists' {
    // Every text index has the same key on mongod ({ _fts: 'text', _ftsx: 1 }): one per collection.
    const keyOf = (s: IndexSpec) =>
      Object.values(s.key).includes('text') ? 'text' : JSON.stringify(s.key);
    const same = this.indexSpecs().find((s) => s.name === spec.name || keyOf(s) === keyOf(spec));
    if (same) {
      if (sameIndex(same, spec) && same.name === spec.name) return 'exists';
      if (same.name === spec.name)
        throw new CommandError(
          'IndexKeySpecsConflict',
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify({ v: 2, ...spec })}, existing index: ${JSON.stringify({ v: 2, ...same })}`,
        );
      throw new CommandError(
        'IndexOptionsConflict',
        `An equivalent index already exists with a different name and options. Requested index: ${JSON.stringify({ v: 2, ...spec })}, existing index: ${JSON.stringify({ v: 2, ...same })}`,
      );
    }
    const index = new IndexStore(spec);
    for (const stored of this.docs.values()) {
      const keys = index.keysFor(stored.doc, () => this.viewOf(stored));
      index.checkUnique(this.ns, stored.id, keys);
      index.add(stored.id, keys, stored.seq ?? 0);
    }
    this.indexes.set(spec.name, index);
    return 'created';
  }

  /**
   * Candidate documents for a filter, in natural order: an index lookup when an equality applies,
   * a walk of an ordered index when a selective range does, else every document.
   */
  candidates(filter: Document): Iterable<StoredDoc> {
    return this.indexedCandidates(filter) ?? this.docs.values();
  }

  /** The candidates an index gives for a filter (see `candidates`); undefined when none applies. */
  indexedCandidates(filter: Document): StoredDoc[] | undefined {
    return plannedCandidates(this, filter) ?? rangeCandidates(this, filter);
  }

  /**
   * A transaction's snapshot of this collection: the same (immutable) documents, in the same
   * natural order, and copy-on-write copies of the indexes and of the ordered `_id` index.
   */
  snapshot(): Collection {
    const copy = new Collection(this.db, this.name, this.#options);
    for (const [id, stored] of this.docs) copy.docs.set(id, stored);
    for (const [name, index] of this.indexes) copy.indexes.set(name, index.snapshot());
    const idOrder = this.#currentIdOrder();
    if (idOrder) {
      copy.#idOrder = idOrder.snapshot();
      copy.#idOrderAt = copy.docs.version;
    }
    return copy;
  }

  /** #idOrder when it reflects every change of `docs` (else it is rebuilt on the next use). */
  #currentIdOrder(): OrderedEntries | undefined {
    return this.#idOrderAt === this.docs.version ? this.#idOrder : undefined;
  }

  /**
   * The `_id` index in key order, kept up to date by `apply`; rebuilt when `docs` was changed some
   * other way (its version moved).
   */
  idOrder(): OrderedEntries {
    const current = this.#currentIdOrder();
    if (current) return current;
    const entries = [...this.docs.values()].map((s) => ({
      values: [s.doc._id],
      id: s.id,
      seq: s.seq ?? 0,
    }));
    this.#idOrder = new OrderedEntries([1], entries, { unique: true });
    this.#idOrderAt = this.docs.version;
    return this.#idOrder;
  }

  /**
   * The documents matching `filter` in `sort` order by walking an index (no sort), at most `want`
   * (0 = all); undefined when no index serves the sort (the caller scans and sorts).
   */
  orderedMatch(options: OrderedPlanOptions): StoredDoc[] | undefined {
    return orderedMatch(this, options);
  }

  /**
   * The stored documents matching `filter`, in natural order, at most `limit` (0 = all). Under a
   * case- or accent-insensitive collation, the filter and documents are compared folded (and no
   * index is used: index keys are binary). A `$text` filter puts each text score in `measures`;
   * a `$near` one answers nearest first and puts each distance there (measured-match.ts).
   */
  match(
    filter: Document,
    limit = 0,
    variables?: Document,
    collation?: Collation,
    measures?: Map<StoredDoc, number>,
  ): StoredDoc[] {
    const text = splitText(filter);
    const near = splitNear(filter);
    if (text && near)
      throw new CommandError('BadValue', 'text and geoNear not allowed in same query');
    if (text) return matchText(this, text, { limit, variables, collation, measures });
    if (near)
      return matchNear(this, near.near, near.rest, {
        limit,
        variables,
        collation,
        measures,
      });
    const fold = collation?.fold;
    const empty = Object.keys(filter).length === 0;
    const query = empty
      ? undefined
      : compileFilter(fold ? (toView(filter, fold) as Document) : filter, variables);
    const out: StoredDoc[] = [];
    for (const stored of fold ? this.docs.values() : this.candidates(filter)) {
      if (query && !query.test(fold ? toViewDocument(stored.doc, fold) : this.viewOf(stored)))
        continue;
      out.push(stored);
      if (limit && out.length >= limit) break;
    }
    return out;
  }

  /**
   * Applies one single-document write atomically: every check runs before anything changes.
   * Returns the document as stored (undefined for a delete).
   */
  apply(op: WriteOp): StoredDoc | undefined {
    if (op.kind === 'delete') {
      this.#delete(op.id);
      return undefined;
    }
    const doc = withIdFirst(op.doc);
    checkIdValue(doc._id);
    const id = canonicalKey(doc._id);
    const previous = op.kind === 'replace' ? this.docs.get(op.id) : undefined;
    if (op.kind === 'replace' && (!previous || id !== op.id)) {
      throw new CommandError(
        'ImmutableField',
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    if (op.kind === 'insert' && this.docs.has(id)) {
      throw duplicateKeyError(this.ns, '_id_', { _id: 1 }, { _id: doc._id });
    }
    if (this.#timeSeries) checkTimeField(this.#timeSeries, doc);
    const seq = previous?.seq ?? ++lastSeq;
    const stored: StoredDoc = { id, doc, seq };
    if (!op.bypassValidation) this.#validate(stored, previous);
    const keys = new Map<IndexStore, IndexKey[]>();
    for (const index of this.indexes.values()) {
      const k = index.keysFor(doc, () => this.viewOf(stored));
      index.checkUnique(this.ns, id, k);
      keys.set(index, k);
    }
    if (previous) this.#unindex(previous);
    for (const [index, k] of keys) index.add(id, k, seq);
    const idOrder = this.#currentIdOrder();
    if (!previous) idOrder?.insert({ values: [doc._id], id, seq });
    this.docs.set(id, stored);
    if (idOrder) this.#idOrderAt = this.docs.version;
    if (this.#capped)
      this.#cappedBytes += storedSize(doc) - (previous ? storedSize(previous.doc) : 0);
    return stored;
  }

  #validate(stored: StoredDoc, previous: StoredDoc | undefined): void {
    const level = this.#options.validationLevel ?? 'strict';
    if (!this.#validator || level === 'off') return;
    if (
      level === 'moderate' &&
      previous &&
      this.#validator.check(previous.doc, () => this.viewOf(previous))
    )
      return;
    const error = this.#validator.check(stored.doc, () => this.viewOf(stored));
    if (error && (this.#options.validationAction ?? 'error') === 'error') throw error;
  }

  #unindex(stored: StoredDoc): void {
    for (const index of this.indexes.values())
      index.remove(
        stored.id,
        index.keysFor(stored.doc, () => this.viewOf(stored)),
        stored.seq ?? 0,
      );
  }

  #delete(id: string): void {
    const stored = this.docs.get(id);
    if (!stored) return;
    this.#unindex(stored);
    const idOrder = this.#currentIdOrder();
    idOrder?.remove([stored.doc._id], stored.seq ?? 0, id);
    this.docs.delete(id);
    if (idOrder) this.#idOrderAt = this.docs.version;
    if (this.#capped) this.#cappedBytes -= storedSize(stored.doc);
  }
}
