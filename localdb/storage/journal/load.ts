import type { Document } from 'bson';
import type { Collection } from '../collection.ts';
import { parseIndexSpec } from '../index-spec.ts';
import type { ReplayModel } from './replay-model.ts';

/** What the journal needs of the engine: its collections, and a way to create them at start-up. */
export interface JournalHost {
  databaseNames(): string[];
  collections(db: string): Collection[];
  createCollection(db: string, name: string, options?: Document): Collection;
}

export function allCollections(host: JournalHost): Collection[] {
  return host.databaseNames().flatMap((db) => host.collections(db));
}

/**
 * Builds the replayed state into the engine (before the journal is attached, so nothing is
 * journaled again): documents first, then the indexes over them. Index specs are parsed again, as
 * createIndexes parses them, so their numbers are plain numbers as in a live engine.
 */
export function loadModel(model: ReplayModel, host: JournalHost): void {
  for (const m of model.collections.values()) {
    const collection = host.createCollection(m.db, m.name, m.options);
    for (const doc of m.docs.values())
      collection.apply({ kind: 'insert', doc, bypassValidation: true });
    for (const raw of m.indexes) {
      try {
        collection.createIndex(parseIndexSpec(raw));
      } catch (error) {
        throw new Error(`could not rebuild index ${String(raw.name)} of ${collection.ns}`, {
          cause: error,
        });
      }
    }
  }
}
