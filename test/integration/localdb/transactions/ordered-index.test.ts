import type { ClientSession, Collection, Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectTestClient, uniqueDbName } from '#test/support/database.ts';
import { inTransaction } from '#test/support/in-transaction.ts';

interface Doc {
  _id: number;
  k: number;
}

const N = 40;

/** The model's answer: docs passing `keep`, sorted by k then _id (or _id alone), windowed. */
function expected(
  docs: Iterable<Doc>,
  keep: (d: Doc) => boolean,
  by: 'k' | '_id',
  { dir = 1, skip = 0, limit = 0 } = {},
): Doc[] {
  const sorted = [...docs]
    .filter(keep)
    .sort((a, b) => (by === 'k' ? a.k - b.k || a._id - b._id : a._id - b._id) * dir);
  return sorted.slice(skip, limit ? skip + limit : undefined);
}

/**
 * Sorted and range finds inside transactions, where localdb walks ordered copies of the `_id` and
 * `{k: 1}` indexes held by the transaction's shadow collection: they must show the snapshot plus
 * the transaction's own writes, in order, and the committed state once it commits.
 */
describe('transactions: sorted and range finds over ordered index copies', () => {
  let client: MongoClient;
  let other: MongoClient;
  let db: Db;
  let c: Collection<Doc>;
  let outside: Collection<Doc>;
  let model: Map<number, Doc>;

  beforeAll(async () => {
    client = await connectTestClient();
    other = await connectTestClient();
    const name = uniqueDbName('txn_ordered');
    db = client.db(name);
    await db.collection('c').createIndex({ k: 1 });
    await db.createCollection('side');
  });
  afterAll(async () => {
    await db?.dropDatabase();
    await client?.close();
    await other?.close();
  });
  beforeEach(async () => {
    c = db.collection<Doc>('c');
    outside = other.db(db.databaseName).collection<Doc>('c');
    await c.deleteMany({});
    model = new Map();
    for (let i = 1; i <= N; i++) model.set(i, { _id: i, k: i * 10 });
    await c.insertMany([...model.values()].map((d) => ({ ...d })));
    // Sorted/range finds outside any transaction build the committed ordered copies first.
    await c
      .find({ k: { $gte: 0 } })
      .sort({ k: 1 })
      .limit(3)
      .toArray();
    await c
      .find({ _id: { $gte: 0 } })
      .sort({ _id: 1 })
      .limit(3)
      .toArray();
  });

  /** The sorted finds every scenario checks against the model, read through `coll`. */
  async function checkSorted(coll: Collection<Doc>, docs: Iterable<Doc>, session?: ClientSession) {
    const opts = session ? { session } : {};
    const all = [...docs];
    const kRange = (d: Doc) => d.k > 25 && d.k < 300;
    expect(await coll.find({}, opts).sort({ k: 1, _id: 1 }).toArray()).toEqual(
      expected(all, () => true, 'k'),
    );
    expect(
      await coll
        .find({ k: { $gt: 25, $lt: 300 } }, opts)
        .sort({ k: 1, _id: 1 })
        .limit(6)
        .toArray(),
    ).toEqual(expected(all, kRange, 'k', { limit: 6 }));
    expect(
      await coll
        .find({ k: { $gt: 25, $lt: 300 } }, opts)
        .sort({ k: -1, _id: -1 })
        .skip(2)
        .limit(5)
        .toArray(),
    ).toEqual(expected(all, kRange, 'k', { dir: -1, skip: 2, limit: 5 }));
    expect(
      await coll
        .find({ _id: { $gte: 3, $lte: 12 } }, opts)
        .sort({ _id: 1 })
        .toArray(),
    ).toEqual(expected(all, (d) => d._id >= 3 && d._id <= 12, '_id'));
    expect(
      await coll
        .find({ _id: { $gt: 30 } }, opts)
        .sort({ _id: -1 })
        .limit(4)
        .toArray(),
    ).toEqual(expected(all, (d) => d._id > 30, '_id', { dir: -1, limit: 4 }));
    // Selective ranges without a sort pick candidates from the ordered copies too.
    const narrow = (d: Doc) => d.k >= 100 && d.k <= 150;
    expect(
      (await coll.find({ k: { $gte: 100, $lte: 150 } }, opts).toArray()).sort(
        (a, b) => a._id - b._id,
      ),
    ).toEqual(expected(all, narrow, '_id'));
    expect(await coll.countDocuments({ k: { $gte: 100, $lte: 150 } }, opts)).toBe(
      all.filter(narrow).length,
    );
  }

  /** Applies the same change to the collection (in `session`) and to the model. */
  async function setK(id: number, k: number, session: ClientSession, how: 'replace' | 'update') {
    if (how === 'replace') await c.replaceOne({ _id: id }, { k }, { session });
    else await c.updateOne({ _id: id }, { $set: { k } }, { session });
    model.set(id, { _id: id, k });
  }

  it('(a) a transaction sees its own changes of k in sorted and range finds', async () => {
    const session = client.startSession();
    try {
      session.startTransaction();
      // The shadow's ordered copies exist before the writes: the writes must keep them in step.
      await checkSorted(c, model.values(), session);
      await setK(3, 295, session, 'replace'); // moves to the far end of the range
      await setK(35, 27, session, 'update'); // moves to the front of the range
      await setK(20, 120, session, 'update'); // ties with _id 12 on k
      await setK(7, 120, session, 'replace');
      // A multi-update over a selective range of k, in the shadow.
      await c.updateMany({ k: { $gte: 130, $lte: 140 } }, { $inc: { k: 1000 } }, { session });
      for (const id of [13, 14]) model.set(id, { _id: id, k: id * 10 + 1000 });
      await checkSorted(c, model.values(), session);
      const agg = await c
        .aggregate<Doc>(
          [{ $match: { k: { $gt: 25, $lt: 300 } } }, { $sort: { k: 1, _id: 1 } }, { $limit: 6 }],
          { session },
        )
        .toArray();
      expect(agg).toEqual(
        expected(model.values(), (d) => d.k > 25 && d.k < 300, 'k', { limit: 6 }),
      );
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    for (let i = 1; i <= N; i++) model.set(i, { _id: i, k: i * 10 });
    await checkSorted(c, model.values());
  });

  it('(a) writes made before the first sorted read of the transaction are seen too', () =>
    inTransaction(client, async (session) => {
      await setK(10, 5, session, 'update');
      await setK(11, 9999, session, 'replace');
      await checkSorted(c, model.values(), session);
      await session.abortTransaction();
    }));

  it('(b) deleting one document and inserting another keeps the _id order right', async () => {
    const session = client.startSession();
    try {
      session.startTransaction();
      await checkSorted(c, model.values(), session);
      // Same count, same size: only the contents differ.
      await c.deleteOne({ _id: 5 }, { session });
      await c.insertOne({ _id: 41, k: 50 }, { session });
      model.delete(5);
      model.set(41, { _id: 41, k: 50 });
      await checkSorted(c, model.values(), session);
      await c.deleteOne({ _id: 33 }, { session });
      await c.insertOne({ _id: 0, k: 330 }, { session });
      model.delete(33);
      model.set(0, { _id: 0, k: 330 });
      await checkSorted(c, model.values(), session);
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    // (c) after the commit, others see the committed state in sorted finds.
    await checkSorted(outside, model.values());
    await checkSorted(c, model.values());
  });

  it('(c) after commit, sorted finds outside the transaction see the committed state', async () => {
    const before = new Map(model);
    const session = client.startSession();
    try {
      await session.withTransaction(async () => {
        await setK(1, 400, session, 'replace');
        await setK(40, 1, session, 'update');
        await c.deleteOne({ _id: 20 }, { session });
        await c.insertOne({ _id: 100, k: 200 }, { session });
        model.delete(20);
        model.set(100, { _id: 100, k: 200 });
        await checkSorted(c, model.values(), session);
        // Not committed yet: others still see the old state.
        await checkSorted(outside, before.values());
      });
    } finally {
      await session.endSession();
    }
    await checkSorted(outside, model.values());
    await checkSorted(c, model.values());
  });

  it('(d) writes committed after the snapshot are not seen inside it', () =>
    inTransaction(client, async (session) => {
      // The snapshot is taken at the first statement; `c` gets its shadow later, from the
      // committed state with the later writes undone.
      await db.collection('side').findOne({}, { session });
      const snapshot = new Map(model);
      await outside.updateOne({ _id: 8 }, { $set: { k: 1 } });
      await outside.replaceOne({ _id: 9 }, { k: 250 });
      await outside.deleteOne({ _id: 12 });
      await outside.insertOne({ _id: 45, k: 26 });
      await outside.insertOne({ _id: -1, k: 100 });
      // The committed ordered copies see those writes (sorted finds keep them current).
      model.set(8, { _id: 8, k: 1 });
      model.set(9, { _id: 9, k: 250 });
      model.delete(12);
      model.set(45, { _id: 45, k: 26 });
      model.set(-1, { _id: -1, k: 100 });
      await checkSorted(outside, model.values());
      await checkSorted(c, snapshot.values(), session);
      // More outside writes once the shadow exists change nothing inside either.
      await outside.updateOne({ _id: 30 }, { $set: { k: 2 } });
      await outside.deleteOne({ _id: 2 });
      await checkSorted(c, snapshot.values(), session);
      await session.abortTransaction();
    }));
});
