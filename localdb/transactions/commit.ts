import type { Collection } from '../storage/collection.ts';
import type { TransactionCoordinator } from './coordinator.ts';
import { type Transaction, TxnState } from './transaction.ts';

/** Puts a document back as it was before a failed commit touched it. */
function restore(
  coordinator: TransactionCoordinator,
  collection: Collection,
  id: string,
  before: ReturnType<Collection['docs']['get']>,
): void {
  const current = collection.docs.get(id);
  if (before) {
    const op = current
      ? ({ kind: 'replace', id, doc: before.doc, bypassValidation: true } as const)
      : ({ kind: 'insert', doc: before.doc, bypassValidation: true } as const);
    coordinator.committedWrite(collection, op);
  } else if (current) {
    coordinator.committedWrite(collection, { kind: 'delete', id });
  }
}

/**
 * Makes a transaction's writes visible: collections it created, then its write log replayed in
 * order on the real collections (validators and unique indexes checked again). All or nothing:
 * when a write fails, those already replayed are undone and the error is thrown.
 */
export function commit(coordinator: TransactionCoordinator, txn: Transaction): void {
  const { engine } = coordinator;
  const undo: Array<() => void> = [];
  coordinator.asCommitting(txn, () => {
    try {
      for (const [ns, shadow] of txn.shadows()) {
        if (!txn.created.has(ns)) continue;
        let collection = engine.collection(shadow.db, shadow.name);
        if (!collection) {
          collection = engine.createCollection(shadow.db, shadow.name, shadow.options);
          undo.push(() => engine.dropCollection(shadow.db, shadow.name));
        }
        const target = collection;
        for (const spec of shadow.indexSpecs().slice(1)) {
          if (target.createIndex(spec) === 'created')
            undo.push(() => target.indexes.delete(spec.name));
        }
        // Indexes built here bypass the createIndexes command the journal watches.
        engine.journal?.checkCatalog(target);
      }
      for (const write of txn.log) {
        const { collection } = engine.ensureCollection(write.db, write.name);
        const before = collection.docs.get(write.id);
        coordinator.committedWrite(collection, write.op);
        undo.push(() => restore(coordinator, collection, write.id, before));
      }
    } catch (error) {
      for (const step of undo.reverse()) step();
      coordinator.end(txn, TxnState.Aborted);
      throw error;
    }
  });
  coordinator.end(txn, TxnState.Committed);
}
