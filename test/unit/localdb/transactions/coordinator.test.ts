import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '#localdb/storage/engine.ts';
import { commit } from '#localdb/transactions/commit.ts';
import { TransactionCoordinator } from '#localdb/transactions/coordinator.ts';
import { TxnState } from '#localdb/transactions/transaction.ts';
import { codeOf } from '#test/support/command-error-code.ts';

const engines: Engine[] = [];
function setup() {
  const engine = new Engine();
  engines.push(engine);
  const { collection } = engine.ensureCollection('db', 'c');
  engine.applyWrite(collection, { kind: 'insert', doc: { _id: 1, v: 0 } });
  const owner = {};
  const registry = { get: () => owner };
  return {
    engine,
    collection,
    coordinator: new TransactionCoordinator(engine, 60_000),
    owner,
    registry,
  };
}

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});

describe('TransactionCoordinator', () => {
  it('a transaction writes to its shadow only; commit replays it on the collection', () => {
    const { coordinator, collection, owner } = setup();
    const txn = coordinator.begin('s1', 1, owner);
    const shadow = txn.collection('db', 'c');
    if (!shadow) throw new Error('no shadow');
    const id = [...collection.docs.keys()][0] as string;
    coordinator.transactionalWrite(txn, shadow, { kind: 'replace', id, doc: { _id: 1, v: 1 } });
    expect(collection.docs.get(id)?.doc).toEqual({ _id: 1, v: 0 });
    expect(shadow.docs.get(id)?.doc).toEqual({ _id: 1, v: 1 });
    commit(coordinator, txn);
    expect(collection.docs.get(id)?.doc).toEqual({ _id: 1, v: 1 });
    expect(txn.state).toBe(TxnState.Committed);
  });

  it('a second transaction on the same document conflicts (112); an outside writer is told it is locked', () => {
    const { coordinator, collection, owner } = setup();
    const first = coordinator.begin('s1', 1, owner);
    const second = coordinator.begin('s2', 1, owner);
    const id = [...collection.docs.keys()][0] as string;
    const op = { kind: 'replace', id, doc: { _id: 1, v: 2 } } as const;
    coordinator.transactionalWrite(first, first.collection('db', 'c') as never, op);
    expect(
      codeOf(() =>
        coordinator.transactionalWrite(second, second.collection('db', 'c') as never, op),
      ),
    ).toBe(112);
    expect(codeOf(() => coordinator.committedWrite(collection, op))).toBe(112);
    coordinator.end(first, TxnState.Aborted);
    coordinator.committedWrite(collection, op);
    expect(collection.docs.get(id)?.doc).toEqual({ _id: 1, v: 2 });
  });

  it('a document committed after the snapshot is a conflict for the transaction', () => {
    const { coordinator, collection, owner } = setup();
    const txn = coordinator.begin('s1', 1, owner);
    const id = [...collection.docs.keys()][0] as string;
    coordinator.committedWrite(collection, { kind: 'replace', id, doc: { _id: 1, v: 5 } });
    const shadow = txn.collection('db', 'c');
    expect(shadow?.docs.get(id)?.doc).toEqual({ _id: 1, v: 0 });
    const op = { kind: 'delete', id } as const;
    expect(codeOf(() => coordinator.transactionalWrite(txn, shadow as never, op))).toBe(112);
  });

  it('transactions past their deadline or whose session record changed are aborted by expire', () => {
    const { coordinator, owner, registry } = setup();
    const old = coordinator.begin('s1', 1, owner);
    coordinator.expire(registry, old.deadline + 1);
    expect(old.state).toBe(TxnState.Aborted);
    const live = coordinator.begin('s2', 1, owner);
    coordinator.expire({ get: () => ({}) });
    expect(live.state).toBe(TxnState.Aborted);
  });

  it('a commit that fails part-way undoes what it applied', () => {
    const { engine, coordinator, collection, owner } = setup();
    collection.createIndex({ key: { email: 1 }, name: 'email_1', unique: true });
    const txn = coordinator.begin('s1', 1, owner);
    const shadow = txn.collection('db', 'c');
    if (!shadow) throw new Error('no shadow');
    coordinator.transactionalWrite(txn, shadow, { kind: 'insert', doc: { _id: 2, email: 'a' } });
    coordinator.transactionalWrite(txn, shadow, { kind: 'insert', doc: { _id: 3, email: 'b' } });
    engine.applyWrite(collection, { kind: 'insert', doc: { _id: 4, email: 'b' } });
    expect(codeOf(() => commit(coordinator, txn))).toBe(11000);
    expect([...collection.docs.values()].map((s) => s.doc._id)).toEqual([1, 4]);
    expect(txn.state).toBe(TxnState.Aborted);
  });

  it('the TTL monitor leaves a document locked by a transaction for a later pass', () => {
    const { engine, coordinator, collection, owner } = setup();
    collection.createIndex({ key: { at: 1 }, name: 'at_1', expireAfterSeconds: 1 });
    engine.applyWrite(collection, { kind: 'insert', doc: { _id: 2, at: new Date(0) } });
    const txn = coordinator.begin('s1', 1, owner);
    const shadow = txn.collection('db', 'c');
    if (!shadow) throw new Error('no shadow');
    const id = [...collection.docs.keys()][1] as string;
    coordinator.transactionalWrite(txn, shadow, {
      kind: 'replace',
      id,
      doc: { _id: 2, at: new Date(0), x: 1 },
    });
    expect(engine.expireTtl()).toBe(0);
    expect(collection.docs.has(id)).toBe(true);
    coordinator.end(txn, TxnState.Aborted);
    expect(engine.expireTtl()).toBe(1);
    expect(collection.docs.has(id)).toBe(false);
  });

  it("a transaction's unique index is as of its snapshot; keys changed since are conflicts", () => {
    const { engine, coordinator, collection, owner } = setup();
    collection.createIndex({ key: { email: 1 }, name: 'email_1', unique: true });
    engine.applyWrite(collection, { kind: 'insert', doc: { _id: 2, email: 'a' } });
    engine.applyWrite(collection, { kind: 'insert', doc: { _id: 5, email: 'z' } });
    const txn = coordinator.begin('s1', 1, owner);
    const id = [...collection.docs.keys()][1] as string;
    coordinator.committedWrite(collection, { kind: 'replace', id, doc: { _id: 2, email: 'b' } });
    const shadow = txn.collection('db', 'c');
    if (!shadow) throw new Error('no shadow');
    expect(shadow.docs.get(id)?.doc).toEqual({ _id: 2, email: 'a' });
    const insert = (doc: { _id: number; email: string }) => () =>
      coordinator.transactionalWrite(txn, shadow, { kind: 'insert', doc });
    expect(codeOf(insert({ _id: 3, email: 'z' }))).toBe(11000);
    expect(codeOf(insert({ _id: 3, email: 'a' }))).toBe(112);
    expect(codeOf(insert({ _id: 3, email: 'b' }))).toBe(112);
    expect(codeOf(insert({ _id: 3, email: 'c' }))).toBeUndefined();
    expect(shadow.docs.size).toBe(4);
    expect(collection.docs.size).toBe(3);
  });
});
