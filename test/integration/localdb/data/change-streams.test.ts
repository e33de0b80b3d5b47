import { type ChangeStream, type ChangeStreamOptions, type Document, Timestamp } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { failure } from '#test/support/server-failure.ts';
import { useTestDb } from '#test/support/test-db.ts';

/** The documents these tests write. */
interface Row {
  _id: number | string;
  a?: number;
  b?: number;
  v?: number;
  n?: { x?: number; y?: number };
  arr?: number[];
  gone?: boolean;
}

interface Watchable {
  watch(pipeline?: Document[], options?: ChangeStreamOptions): ChangeStream;
}

/** A stream that has sent its aggregate: it reports what happens from now on. */
async function watching(
  target: Watchable,
  pipeline: Document[] = [],
  options: ChangeStreamOptions = {},
): Promise<ChangeStream> {
  const stream = target.watch(pipeline, { maxAwaitTimeMS: 50, ...options });
  expect(await stream.tryNext()).toBeNull();
  return stream;
}

/** The next event, read as a plain document (its fields differ by operationType). */
const nextEvent = async (stream: ChangeStream): Promise<Document> => await stream.next();

async function take(stream: ChangeStream, n: number): Promise<Document[]> {
  const events: Document[] = [];
  for (let i = 0; i < n; i++) events.push(await nextEvent(stream));
  return events;
}

const kinds = (events: readonly Document[]) => events.map((e) => e.operationType);

describe('change streams', () => {
  const own = useTestDb('changes');
  const coll = (name: string) => own.db.collection<Row>(name);

  it('reports inserts, updates, replaces and deletes with mongod’s event shapes', async () => {
    const stream = await watching(coll('crud'));
    await coll('crud').insertOne({ _id: 1, a: 1, n: { x: 1 }, arr: [1, 2, 3], gone: true });
    await coll('crud').updateOne(
      { _id: 1 },
      { $set: { 'n.y': 2 }, $inc: { a: 1 }, $unset: { gone: '' }, $push: { arr: 4 } },
    );
    await coll('crud').updateOne({ _id: 1 }, { $pop: { arr: 1 } });
    await coll('crud').replaceOne({ _id: 1 }, { b: 2 });
    await coll('crud').deleteOne({ _id: 1 });
    const [insert, update, pop, replace, remove] = await take(stream, 5);
    expect(insert).toMatchObject({
      operationType: 'insert',
      ns: { db: own.db.databaseName, coll: 'crud' },
      documentKey: { _id: 1 },
      fullDocument: { _id: 1, a: 1, n: { x: 1 }, arr: [1, 2, 3], gone: true },
    });
    expect(insert?.clusterTime).toBeInstanceOf(Timestamp);
    expect(insert?.wallTime).toBeInstanceOf(Date);
    expect(typeof insert?._id._data).toBe('string');
    expect(update?.operationType).toBe('update');
    expect(update?.fullDocument).toBeUndefined();
    expect(update?.updateDescription).toMatchObject({
      updatedFields: { a: 2, 'n.y': 2, 'arr.3': 4 },
      removedFields: ['gone'],
      truncatedArrays: [],
    });
    expect(pop?.updateDescription).toMatchObject({
      updatedFields: {},
      removedFields: [],
      truncatedArrays: [{ field: 'arr', newSize: 3 }],
    });
    expect(replace).toMatchObject({ operationType: 'replace', fullDocument: { _id: 1, b: 2 } });
    expect(remove).toMatchObject({ operationType: 'delete', documentKey: { _id: 1 } });
    expect(remove?.fullDocument).toBeUndefined();
    await stream.close();
  });

  it('looks up the current document, or gives pre- and post-images where the collection keeps them', async () => {
    await own.db.createCollection('imaged', { changeStreamPreAndPostImages: { enabled: true } });
    await coll('plain').insertOne({ _id: 1, v: 1 });
    await coll('imaged').insertOne({ _id: 1, v: 1 });
    const lookup = await watching(coll('plain'), [], { fullDocument: 'updateLookup' });
    const images = await watching(coll('imaged'), [], {
      fullDocument: 'required',
      fullDocumentBeforeChange: 'required',
    });
    await coll('plain').updateOne({ _id: 1 }, { $set: { v: 2 } });
    await coll('imaged').updateOne({ _id: 1 }, { $set: { v: 2 } });
    await coll('imaged').deleteOne({ _id: 1 });
    expect((await nextEvent(lookup)).fullDocument).toEqual({ _id: 1, v: 2 });
    const [update, remove] = await take(images, 2);
    expect(update).toMatchObject({
      fullDocument: { _id: 1, v: 2 },
      fullDocumentBeforeChange: { _id: 1, v: 1 },
    });
    expect(remove).toMatchObject({
      operationType: 'delete',
      fullDocumentBeforeChange: { _id: 1, v: 2 },
    });
    await Promise.all([lookup.close(), images.close()]);
  });

  it('answers a missing required image with NoMatchingDocument, and null when it is only wanted', async () => {
    await coll('noImages').insertOne({ _id: 1, v: 1 });
    const wanted = await watching(coll('noImages'), [], {
      fullDocumentBeforeChange: 'whenAvailable',
    });
    const required = await watching(coll('noImages'), [], { fullDocumentBeforeChange: 'required' });
    await coll('noImages').updateOne({ _id: 1 }, { $set: { v: 2 } });
    expect((await nextEvent(wanted)).fullDocumentBeforeChange).toBeNull();
    expect((await failure(required.next())).code).toBe(47);
    await Promise.all([wanted.close(), required.close()]);
  });

  it('reports a transaction’s writes at its commit, with its lsid and txnNumber, and nothing of an aborted one', async () => {
    const stream = await watching(coll('txn'));
    const session = own.client.startSession();
    const lsid = session.id;
    try {
      await session.withTransaction(async () => {
        await coll('txn').insertOne({ _id: 1 }, { session });
        await coll('txn').insertOne({ _id: 2 }, { session });
      });
      session.startTransaction();
      await coll('txn').insertOne({ _id: 3 }, { session });
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    await coll('txn').insertOne({ _id: 4 });
    const [first, second, after] = await take(stream, 3);
    expect(first?.lsid.id).toEqual(lsid?.id);
    expect(Number(first?.txnNumber)).toBeGreaterThan(0);
    expect(second?.txnNumber).toEqual(first?.txnNumber);
    expect(second?.clusterTime).toEqual(first?.clusterTime);
    expect([first, second, after].map((e) => e?.documentKey._id)).toEqual([1, 2, 4]);
    expect(after?.lsid).toBeUndefined();
    await stream.close();
  });

  it('ends a collection’s stream with invalidate when the collection is dropped or renamed', async () => {
    await coll('dropped').insertOne({ _id: 1 });
    await coll('renamed').insertOne({ _id: 1 });
    const dropped = await watching(coll('dropped'));
    const renamed = await watching(coll('renamed'));
    await coll('dropped').drop();
    await coll('renamed').rename('renamedTo');
    expect(kinds(await take(dropped, 2))).toEqual(['drop', 'invalidate']);
    const [rename] = await take(renamed, 2);
    expect(rename).toMatchObject({
      operationType: 'rename',
      to: { db: own.db.databaseName, coll: 'renamedTo' },
    });
    expect(dropped.closed && renamed.closed).toBe(true);
  });

  it('watches every collection of a database, and the cluster’s databases, until the database is dropped', async () => {
    const other = own.client.db(`${own.db.databaseName}_other`);
    const mine = { $match: { 'ns.db': { $in: [own.db.databaseName, other.databaseName] } } };
    const database = await watching(own.db);
    const cluster = await watching(own.client, [mine]);
    await coll('one').insertOne({ _id: 1 });
    await coll('two').insertOne({ _id: 2 });
    await other.collection<Row>('three').insertOne({ _id: 3 });
    await other.dropDatabase();
    const databaseEvents = await take(database, 2);
    expect(databaseEvents.map((e) => e.ns.coll)).toEqual(['one', 'two']);
    const clusterEvents = await take(cluster, 5);
    expect(clusterEvents.map((e) => [e.operationType, e.ns.coll])).toEqual([
      ['insert', 'one'],
      ['insert', 'two'],
      ['insert', 'three'],
      ['drop', 'three'],
      ['dropDatabase', undefined],
    ]);
    await cluster.close();
    await database.close();
  });

  it('resumes after an event’s token, at a cluster time, and after an invalidate with startAfter only', async () => {
    const stream = await watching(coll('resumed'));
    await coll('resumed').insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }]);
    const [first] = await take(stream, 3);
    await stream.close();
    const ids = async (options: ChangeStreamOptions) => {
      const resumed = coll('resumed').watch([], options);
      const events = await take(resumed, 2);
      await resumed.close();
      return events.map((e) => e.documentKey._id);
    };
    expect(await ids({ resumeAfter: first?._id })).toEqual([2, 3]);
    expect(await ids({ startAtOperationTime: first?.clusterTime })).toEqual([1, 2]);

    const ended = await watching(coll('resumed'));
    await coll('resumed').drop();
    const [, invalidate] = await take(ended, 2);
    expect(
      (await failure(take(coll('resumed').watch([], { resumeAfter: invalidate?._id }), 1))).code,
    ).toBe(260);
    const restarted = coll('resumed').watch([], { startAfter: invalidate?._id });
    await coll('resumed').insertOne({ _id: 'again' });
    expect((await nextEvent(restarted)).documentKey).toEqual({ _id: 'again' });
    await restarted.close();
  });

  it('runs its own stages on each event, and refuses stages or changes a stream cannot have', async () => {
    const deletes = await watching(coll('staged'), [
      { $match: { operationType: 'delete' } },
      { $project: { operationType: 1, documentKey: 1 } },
    ]);
    const noToken = await watching(coll('staged'), [{ $project: { _id: 0 } }]);
    await coll('staged').insertOne({ _id: 1 });
    await coll('staged').deleteOne({ _id: 1 });
    const event = await nextEvent(deletes);
    expect(event).toEqual({
      _id: expect.anything(),
      operationType: 'delete',
      documentKey: { _id: 1 },
    });
    expect((await failure(noToken.next())).code).toBe(280);
    expect((await failure(watching(coll('staged'), [{ $group: { _id: null } }]))).code).toBe(20);
    expect(
      (
        await failure(
          coll('staged')
            .aggregate([{ $match: {} }, { $changeStream: {} }])
            .toArray(),
        )
      ).code,
    ).toBe(40602);
    expect(
      (
        await failure(
          coll('staged')
            .aggregate([{ $changeStream: { unknownOption: 1 } }])
            .toArray(),
        )
      ).code,
    ).toBe(40415);
    await deletes.close();
  });

  it('keeps its cursor open across the drop it reports, and closes it after the invalidate', async () => {
    await coll('cursorDrop').insertOne({ _id: 1 });
    const opened = await own.db.command({
      aggregate: 'cursorDrop',
      pipeline: [{ $changeStream: {} }],
      cursor: {},
    });
    await coll('cursorDrop').drop();
    const { cursor } = await own.db.command({
      getMore: opened.cursor.id,
      collection: 'cursorDrop',
      maxTimeMS: 1000,
    });
    expect(cursor.nextBatch.map((e: Document) => e.operationType)).toEqual(['drop', 'invalidate']);
    expect(Number(cursor.id)).toBe(0);
  });

  it('holds a getMore until the next change arrives (awaitData), up to its maxTimeMS', async () => {
    const opened = await own.db.command({
      aggregate: 'awaited',
      pipeline: [{ $changeStream: {} }],
      cursor: {},
    });
    const getMore = {
      getMore: opened.cursor.id,
      collection: 'awaited',
      maxTimeMS: 10_000,
    };
    const reply = own.db.command(getMore);
    setTimeout(() => void coll('awaited').insertOne({ _id: 'late' }), 100);
    const { cursor } = await reply;
    // A getMore that did not wait would have answered an empty batch before the insert.
    expect(cursor.nextBatch.map((e: Document) => e.documentKey)).toEqual([{ _id: 'late' }]);
    expect(cursor.postBatchResumeToken).toEqual(cursor.nextBatch[0]._id);
    const idle = await own.db.command({ ...getMore, maxTimeMS: 10 });
    expect(idle.cursor.nextBatch).toEqual([]);
    await own.db.command({ killCursors: 'awaited', cursors: [opened.cursor.id] });
  });
});
