import { type Document, UUID } from 'bson';
import { CommandError } from '../errors.ts';
import { canonicalKey } from '../query/canonical-key.ts';
import type { Collation } from '../query/collation.ts';
import { toViewDocument } from '../query/view.ts';
import { type CappedLimits, cappedLimits, storedSize } from './capped.ts';
import { checkIdValue, ID_INDEX, withIdFirst } from './document-id.ts';
import { DocumentMap } from './document-map.ts';
import { matchFilter } from './filter-match.ts';
import { IdOrder } from './id-order.ts';
import { type IndexSpec, indexExists } from './index-spec.ts';
import { duplicateKeyError, type IndexKey, IndexStore } from './index-store.ts';
import type { OrderedEntries } from './ordered-entries.ts';
import { type OrderedPlanOptions, orderedMatch } from './ordered-plan.ts';
import { plannedCandidates } from './planner.ts';
import { rangeCandidates } from './range-plan.ts';
import type { StoredDoc, WriteOp } from './stored-doc.ts';
import { checkTimeField, type TimeSeriesOptions, timeSeriesOf } from './timeseries.ts';
import { DocumentValidator } from './validation.ts';

let lastSeq = 0;

export class Collection {
  readonly uuid = new UUID();
  readonly docs = new DocumentMap();
  readonly indexes = new Map<string, IndexStore>();
  db: string;
  name: string;
  #options: Document = {};
  #validator: DocumentValidator | undefined;
  readonly #idOrder = new IdOrder(this.docs);
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
    if (indexExists(this.indexSpecs(), spec)) return 'exists';
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
    const idOrder = this.#idOrder.current();
    if (idOrder) copy.#idOrder.caughtUp(idOrder.snapshot());
    return copy;
  }

  /** The `_id` index in key order (see id-order.ts). */
  idOrder(): OrderedEntries {
    return this.#idOrder.entries();
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
    return matchFilter(this, filter, limit, variables, collation, measures);
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
    if (!op.bypassValidation) this.#validator?.checkWrite(this, stored, previous);
    const keys = new Map<IndexStore, IndexKey[]>();
    for (const index of this.indexes.values()) {
      const k = index.keysFor(doc, () => this.viewOf(stored));
      index.checkUnique(this.ns, id, k);
      keys.set(index, k);
    }
    if (previous) this.#unindex(previous);
    for (const [index, k] of keys) index.add(id, k, seq);
    const idOrder = this.#idOrder.current();
    if (!previous) idOrder?.insert({ values: [doc._id], id, seq });
    this.docs.set(id, stored);
    if (idOrder) this.#idOrder.caughtUp(idOrder);
    if (this.#capped)
      this.#cappedBytes += storedSize(doc) - (previous ? storedSize(previous.doc) : 0);
    return stored;
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
    const idOrder = this.#idOrder.current();
    idOrder?.remove([stored.doc._id], stored.seq ?? 0, id);
    this.docs.delete(id);
    if (idOrder) this.#idOrder.caughtUp(idOrder);
    if (this.#capped) this.#cappedBytes -= storedSize(stored.doc);
  }
}
