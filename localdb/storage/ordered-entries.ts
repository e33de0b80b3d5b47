import { compareBson } from '../query/compare.ts';

/** One index entry: the key values (one per index field), the document's id and its natural-order rank. */
export interface OrderedEntry {
  readonly values: readonly unknown[];
  readonly id: string;
  readonly seq: number;
}

/** A bound on the leading `values.length` index fields (compared field by field, index directions applied). */
export interface KeyBound {
  readonly values: readonly unknown[];
  readonly inclusive: boolean;
}

/**
 * Index entries kept sorted by (key in BSON order with the index's directions, natural order): a
 * sorted array with binary search. Appends (ascending ObjectIds or counters) are O(1); other
 * writes move part of the array, cheap next to a full sort at 100k entries. Snapshot copies share
 * the array and copy it on their first write (copy-on-write on both sides).
 */
export class OrderedEntries {
  readonly directions: readonly number[];
  /** Some document contributed several entries (an array field): sorts then follow min/max elements. */
  multikey = false;
  #entries: OrderedEntry[];
  #shared = false;

  constructor(directions: readonly number[], entries: OrderedEntry[] = [], sorted = false) {
    this.directions = directions;
    this.#entries = sorted ? entries : entries.sort((a, b) => this.compare(a, b));
  }

  get size(): number {
    return this.#entries.length;
  }

  /** Compares the first `length` key fields of two value lists. */
  compareKeys(a: readonly unknown[], b: readonly unknown[], length: number): number {
    for (let i = 0; i < length; i++) {
      const d = compareBson(a[i] ?? null, b[i] ?? null) * (this.directions[i] ?? 1);
      if (d) return d;
    }
    return 0;
  }

  compare(a: OrderedEntry, b: OrderedEntry): number {
    return this.compareKeys(a.values, b.values, this.directions.length) || a.seq - b.seq;
  }

  snapshot(): OrderedEntries {
    this.#shared = true;
    const copy = new OrderedEntries(this.directions, this.#entries, true);
    copy.#shared = true;
    copy.multikey = this.multikey;
    return copy;
  }

  #writable(): OrderedEntry[] {
    if (this.#shared) {
      this.#entries = this.#entries.slice();
      this.#shared = false;
    }
    return this.#entries;
  }

  /** The first position whose entry passes `test` (entries passing it form a suffix). */
  #search(test: (e: OrderedEntry) => boolean): number {
    let lo = 0;
    let hi = this.#entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (test(this.#entries[mid] as OrderedEntry)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  insert(entry: OrderedEntry): void {
    const entries = this.#writable();
    const last = entries[entries.length - 1];
    if (!last || this.compare(last, entry) < 0) {
      entries.push(entry);
      return;
    }
    entries.splice(
      this.#search((e) => this.compare(e, entry) >= 0),
      0,
      entry,
    );
  }

  remove(values: readonly unknown[], seq: number, id: string): void {
    const probe = { values, seq, id };
    const at = this.#search((e) => this.compare(e, probe) >= 0);
    if (this.#entries[at]?.id === id) this.#writable().splice(at, 1);
  }

  /** Index of the first entry at or past a lower bound (0 without one). */
  #start(lower: KeyBound | undefined): number {
    if (!lower) return 0;
    const n = lower.values.length;
    return this.#search((e) => {
      const d = this.compareKeys(e.values, lower.values, n);
      return lower.inclusive ? d >= 0 : d > 0;
    });
  }

  /** Index just past the last entry within an upper bound (the end without one). */
  #end(upper: KeyBound | undefined): number {
    if (!upper) return this.#entries.length;
    const n = upper.values.length;
    return this.#search((e) => {
      const d = this.compareKeys(e.values, upper.values, n);
      return upper.inclusive ? d > 0 : d >= 0;
    });
  }

  /**
   * The entries between the bounds as runs of equal keys, in key order (`reverse` walks from the
   * high end); a run is equal on the first `width` key fields, in index order inside.
   */
  *runs(
    lower?: KeyBound,
    upper?: KeyBound,
    reverse = false,
    width = this.directions.length,
  ): Generator<OrderedEntry[]> {
    const entries = this.#entries;
    const start = this.#start(lower);
    const end = this.#end(upper);
    if (!reverse) {
      let i = start;
      while (i < end) {
        const first = entries[i] as OrderedEntry;
        let j = i + 1;
        while (
          j < end &&
          this.compareKeys(first.values, (entries[j] as OrderedEntry).values, width) === 0
        )
          j++;
        yield entries.slice(i, j);
        i = j;
      }
      return;
    }
    let j = end;
    while (j > start) {
      const last = entries[j - 1] as OrderedEntry;
      let i = j - 1;
      while (
        i > start &&
        this.compareKeys((entries[i - 1] as OrderedEntry).values, last.values, width) === 0
      )
        i--;
      yield entries.slice(i, j);
      j = i;
    }
  }
}
