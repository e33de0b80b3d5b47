import type { Document } from 'bson';
import { CommandError } from '../errors.ts';
import type { Collection } from '../storage/collection.ts';
import type { Engine } from '../storage/engine.ts';
import type { WriteOp } from '../storage/stored-doc.ts';
import type { TransactionCoordinator } from './coordinator.ts';
import type { Transaction } from './transaction.ts';

type Overrides = Partial<
  Pick<
    Engine,
    | 'collection'
    | 'collections'
    | 'ensureCollection'
    | 'createCollection'
    | 'applyWrite'
    | 'databaseNames'
    | 'dropCollection'
    | 'dropDatabase'
    | 'renameCollection'
  >
>;

/** The engine with some methods replaced; everything else (cursors, options...) is the engine's own. */
function engineView(base: Engine, overrides: Overrides): Engine {
  return new Proxy(base, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof Overrides];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Outside transactions while some are open: writes check document locks and feed the history. */
export function observedEngine(coordinator: TransactionCoordinator): Engine {
  return engineView(coordinator.engine, {
    applyWrite: (collection: Collection, op: WriteOp) => coordinator.committedWrite(collection, op),
  });
}

function notInTransaction(what: string): never {
  throw new CommandError(
    'OperationNotSupportedInTransaction',
    `Cannot run '${what}' in a multi-document transaction.`,
  );
}

/** Inside a transaction: every collection is the transaction's shadow, every write is logged and locked. */
export function transactionEngine(coordinator: TransactionCoordinator, txn: Transaction): Engine {
  const base = coordinator.engine;
  const collections = (db: string): Collection[] => {
    const names = new Set(base.collections(db).map((c) => c.name));
    for (const [ns, shadow] of txn.shadows()) if (ns.startsWith(`${db}.`)) names.add(shadow.name);
    return [...names].flatMap((name) => txn.collection(db, name) ?? []);
  };
  return engineView(base, {
    collection: (db: string, name: string) => txn.collection(db, name),
    collections,
    ensureCollection: (db: string, name: string) => {
      const existing = txn.collection(db, name);
      if (existing) return { collection: existing, created: false };
      return { collection: txn.create(db, name), created: true };
    },
    createCollection: (db: string, name: string, options: Document = {}) => {
      if (txn.collection(db, name))
        throw new CommandError('NamespaceExists', `Collection ${db}.${name} already exists.`);
      return txn.create(db, name, options);
    },
    applyWrite: (collection: Collection, op: WriteOp) => {
      if (base.collection(collection.db, collection.name)?.timeSeries) {
        throw new CommandError(
          'OperationNotSupportedInTransaction',
          `Cannot write to time-series collection '${collection.ns}' in a multi-document transaction.`,
        );
      }
      if (base.collection(collection.db, collection.name)?.capped) {
        throw new CommandError(
          'OperationNotSupportedInTransaction',
          `Collection '${collection.ns}' is a capped collection. Writes in transactions are not allowed on capped collections.`,
        );
      }
      coordinator.transactionalWrite(txn, collection, op);
    },
    databaseNames: () => [
      ...new Set([
        ...base.databaseNames(),
        ...[...txn.created].map((ns) => ns.split('.')[0] ?? ''),
      ]),
    ],
    dropCollection: () => notInTransaction('drop'),
    dropDatabase: () => notInTransaction('dropDatabase'),
    renameCollection: () => notInTransaction('renameCollection'),
  });
}
