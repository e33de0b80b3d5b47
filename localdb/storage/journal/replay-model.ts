import type { Document } from 'bson';
import { canonicalKey } from '../../query/canonical-key.ts';
import { OpKind } from './records.ts';

/** One collection as the records describe it, before it is built into the engine. */
export interface ModelCollection {
  db: string;
  name: string;
  options: Document;
  indexes: Document[];
  /** Canonical `_id` key → document, in natural (insertion) order as the engine keeps it. */
  readonly docs: Map<string, Document>;
}

function str(op: Document, field: string): string {
  const value = op[field];
  if (typeof value !== 'string')
    throw new Error(`journal record ${op.k}: '${field}' is not a string`);
  return value;
}

/**
 * The state the snapshot and journal records add up to. Replay works on plain maps (no index
 * upkeep, no validation: every record was checked when it was first applied), then the result is
 * built into the engine once.
 */
export class ReplayModel {
  readonly collections = new Map<string, ModelCollection>();

  apply(op: Document): void {
    switch (op.k) {
      case OpKind.Create:
        this.#set(str(op, 'db'), str(op, 'c'), op.options ?? {});
        return;
      case OpKind.Catalog: {
        const collection = this.#get(str(op, 'db'), str(op, 'c'));
        collection.options = op.options ?? {};
        collection.indexes = Array.isArray(op.indexes) ? op.indexes : [];
        return;
      }
      case OpKind.Drop:
        this.collections.delete(`${str(op, 'db')}.${str(op, 'c')}`);
        return;
      case OpKind.DropDatabase: {
        const db = str(op, 'db');
        for (const [key, collection] of this.collections)
          if (collection.db === db) this.collections.delete(key);
        return;
      }
      case OpKind.Rename: {
        const from = `${str(op, 'db')}.${str(op, 'c')}`;
        const moved = this.collections.get(from);
        if (!moved) return;
        this.collections.delete(from);
        moved.db = str(op, 'toDb');
        moved.name = str(op, 'toC');
        this.collections.set(`${moved.db}.${moved.name}`, moved);
        return;
      }
      case OpKind.Put: {
        const doc = op.d as Document;
        this.#get(str(op, 'db'), str(op, 'c')).docs.set(canonicalKey(doc._id), doc);
        return;
      }
      case OpKind.Delete:
        this.collections.get(`${str(op, 'db')}.${str(op, 'c')}`)?.docs.delete(str(op, 'id'));
        return;
      default:
        throw new Error(`journal record of unknown kind '${String(op.k)}'`);
    }
  }

  #set(db: string, name: string, options: Document): ModelCollection {
    const collection: ModelCollection = { db, name, options, indexes: [], docs: new Map() };
    this.collections.set(`${db}.${name}`, collection);
    return collection;
  }

  /** Writes create their collection first; a record without one still lands somewhere sane. */
  #get(db: string, name: string): ModelCollection {
    return this.collections.get(`${db}.${name}`) ?? this.#set(db, name, {});
  }
}
