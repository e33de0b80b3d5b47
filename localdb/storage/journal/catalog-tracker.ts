import type { Collection } from '../collection.ts';
import type { IndexStore } from '../index-store.ts';
import type { JournalOp } from './records.ts';

interface Seen {
  readonly options: unknown;
  readonly indexes: readonly IndexStore[];
}

/**
 * createIndexes, dropIndexes and collMod change a collection's options and index map in place,
 * not through the engine. The journal notices by identity (collMod installs a new options object,
 * every index is a new IndexStore): it compares before each write to the collection, after those
 * commands, and on every group-commit tick, and records the whole catalog when it differs. So a
 * catalog change is journaled before any later write to its collection.
 */
export class CatalogTracker {
  readonly #seen = new WeakMap<Collection, Seen>();

  remember(collection: Collection): void {
    this.#seen.set(collection, {
      options: collection.options,
      indexes: [...collection.indexes.values()],
    });
  }

  changed(collection: Collection): boolean {
    const seen = this.#seen.get(collection);
    if (!seen) return true;
    if (seen.options !== collection.options || seen.indexes.length !== collection.indexes.size)
      return true;
    let i = 0;
    for (const index of collection.indexes.values()) if (index !== seen.indexes[i++]) return true;
    return false;
  }

  /** The record that brings the journal up to date, or undefined when nothing changed. */
  take(collection: Collection): JournalOp | undefined {
    if (!this.changed(collection)) return undefined;
    this.remember(collection);
    return {
      k: 'catalog',
      db: collection.db,
      c: collection.name,
      options: collection.options,
      indexes: [...collection.indexes.values()].map((index) => ({ ...index.spec })),
    };
  }
}
