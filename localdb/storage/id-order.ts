import type { DocumentMap } from './document-map.ts';
import { OrderedEntries } from './ordered-entries.ts';

/**
 * A collection's `_id` index in key order, built on the first sorted/range query. Writes through
 * `Collection.apply` keep it up to date; it is rebuilt when `docs` was changed some other way (its
 * version moved).
 */
export class IdOrder {
  readonly #docs: DocumentMap;
  #entries: OrderedEntries | undefined;
  /** The `docs.version` that #entries reflects. */
  #at = -1;

  constructor(docs: DocumentMap) {
    this.#docs = docs;
  }

  /** The entries when they reflect every change of `docs` (else they are rebuilt on the next use). */
  current(): OrderedEntries | undefined {
    return this.#at === this.#docs.version ? this.#entries : undefined;
  }

  /** The entries, rebuilt from `docs` when they no longer reflect it. */
  entries(): OrderedEntries {
    const current = this.current();
    if (current) return current;
    const entries = [...this.#docs.values()].map((s) => ({
      values: [s.doc._id],
      id: s.id,
      seq: s.seq ?? 0,
    }));
    this.#entries = new OrderedEntries([1], entries, { unique: true });
    this.#at = this.#docs.version;
    return this.#entries;
  }

  /** Notes that `entries` reflect `docs` as it is now (changed along with it, or a snapshot's copy). */
  caughtUp(entries: OrderedEntries): void {
    this.#entries = entries;
    this.#at = this.#docs.version;
  }
}
