import type { Document } from 'bson';
import type { Query } from 'mingo/query';
import { CommandError } from '../errors.ts';
import type { Collection } from './collection.ts';
import type { TailingBatch, TailingSource } from './cursor-store.ts';

export interface CappedTailOptions {
  readonly collection: Collection;
  readonly filter: Query;
  readonly project: (doc: Document) => Document;
  readonly awaitData: boolean;
  /** Whether the collection is still the engine's (not dropped or renamed away). */
  readonly alive: () => boolean;
  /** Resolves when something was written, after `ms`, or on `signal`. */
  readonly whenWritten: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * A tailable cursor on a capped collection: it walks the documents in insertion order and, at
 * the end, waits for more. Its position is the last document it read; when eviction removes
 * that document the cursor dies with CappedPositionLost, as in mongod.
 */
export class CappedTail implements TailingSource {
  readonly #options: CappedTailOptions;
  /** `seq` and id of the last document read (matching or not). */
  #seq = -1;
  #id: string | undefined;

  constructor(options: CappedTailOptions) {
    this.#options = options;
  }

  readonly closed = false;

  get awaitData(): boolean {
    return this.#options.awaitData;
  }

  take(max: number): TailingBatch {
    const { collection, filter, project, alive } = this.#options;
    if (!alive()) throw new CommandError('QueryPlanKilled', `collection dropped: ${collection.ns}`);
    if (this.#id !== undefined && !collection.docs.has(this.#id)) {
      throw new CommandError(
        'CappedPositionLost',
        `CollectionScan died due to position in capped collection being deleted. Last seen record id: RecordId(${this.#seq})`,
      );
    }
    const batch: Document[] = [];
    for (const stored of collection.docs.values()) {
      if (batch.length >= max) break;
      const seq = stored.seq ?? 0;
      if (seq <= this.#seq) continue;
      this.#seq = seq;
      this.#id = stored.id;
      if (filter.test(collection.viewOf(stored))) batch.push(project(stored.doc));
    }
    return { batch };
  }

  waitForMore(ms: number, signal?: AbortSignal): Promise<void> {
    return this.#options.whenWritten(ms, signal);
  }
}
