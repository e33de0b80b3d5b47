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
  /** No two entries have equal keys (the `_id` index): runs are single entries, never compared. */
  readonly unique: boolean;
  /** How strings compare: an index collation's collator, or binary. */
  readonly strings: ((a: string, b: string) => number) | undefined;
  #entries: OrderedEntry[];
  #shared = false;

  constructor(
    directions: readonly number[],
    entries: OrderedEntry[] = [],
    {
      sorted = false,
      unique = false,
      strings,
    }: { sorted?: boolean; unique?: boolean; strings?: (a: string, b: string) => number } = {},
  ) {
    this.directions = directions;
    this.unique = unique;
    this.strings = strings;
    this.#entries = sorted ? entries : entries.sort((a, b) => this.compare(a, b));
  }

  get size(): number {
    return this.#entries.length;
  }

  /** Compares the first `length` key fields of two value lists. */
  compareKeys(a: readonly unknown[], b: readonly unknown[], length: number): number {
    for (let i = 0; i < length; i++) {
      const d = compareBson(a[i] ?? null, b[i] ?? null, this.strings) * (this.directions[i] ?? 1);
      if (d) return d;
    }
    return 0;
  }

  compare(a: OrderedEntry, b: OrderedEntry): number {
    return this.compareKeys(a.values, b.values, this.directions.length) || a.seq - b.seq;
  }

  snapshot(): OrderedEntries {
    this.#shared = true;
    const copy = new OrderedEntries(this.directions, this.#entries, {
      sorted: true,
      unique: this.unique,
      ...(this.strings ? { strings: this.strings } : {}),
    });
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

  /** How many entries lie between the bounds. */
  count(bounds: { lower?: KeyBound; upper?: KeyBound }): number {
    return Math.max(0, this.#end(bounds.upper) - this.#start(bounds.lower));
  }

  /** Where the run of equal first-`width` keys holding position `at` starts (`last`: ends, exclusive). */
  #runEdge(at: number, width: number, last: boolean): number {
    const key = (this.#entries[at] as OrderedEntry).values;
    return this.#search((e) => {
      const d = this.compareKeys(e.values, key, width);
      return last ? d > 0 : d >= 0;
    });
  }

  /**
   * The entries between the bounds as runs of entries equal on the first `width` key fields, in
   * key order (`reverse` walks from the high end). Up to `skip` entries are passed over without
   * being visited, to a run boundary (`skipped` says how many).
   */
  walk(
    bounds: { lower?: KeyBound; upper?: KeyBound },
    reverse: boolean,
    width: number,
    skip = 0,
  ): { skipped: number; runs: Iterable<OrderedEntry[]> } {
    let start = this.#start(bounds.lower);
    let end = Math.max(start, this.#end(bounds.upper));
    let skipped = 0;
    if (skip > 0 && start < end) {
      if (skip >= end - start) skipped = end - start;
      else if (!reverse)
        skipped = Math.max(start, this.#runEdge(start + skip, width, false)) - start;
      else skipped = end - Math.min(end, this.#runEdge(end - 1 - skip, width, true));
      if (reverse) end -= skipped;
      else start += skipped;
    }
    return { skipped, runs: this.#runs(start, end, reverse, width) };
  }

  *#runs(start: number, end: number, reverse: boolean, width: number): Generator<OrderedEntry[]> {
    const entries = this.#entries;
    const same = (a: number, b: number) =>
      this.unique ||
      this.compareKeys(
        (entries[a] as OrderedEntry).values,
        (entries[b] as OrderedEntry).values,
        width,
      ) === 0;
    if (!reverse) {
      for (let i = start; i < end; ) {
        let j = i + 1;
        if (!this.unique) while (j < end && same(i, j)) j++;
        yield entries.slice(i, j);
        i = j;
      }
      return;
    }
    for (let j = end; j > start; ) {
      let i = j - 1;
      if (!this.unique) while (i > start && same(i - 1, j - 1)) i--;
      yield entries.slice(i, j);
      j = i;
    }
  }
}
