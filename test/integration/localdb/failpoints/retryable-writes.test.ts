import { type CommandStartedEvent, Long, type MongoClient, MongoNetworkError } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FailPointServer, rejection, startFailPointServer } from './fixture.ts';

describe('retryable writes through fail points (real driver, localdb in test mode)', () => {
  let server: FailPointServer;
  let retrying: MongoClient;
  let plain: MongoClient;
  const started: CommandStartedEvent[] = [];

  beforeAll(async () => {
    server = await startFailPointServer();
    retrying = await server.connect({ retryWrites: true, monitorCommands: true });
    retrying.on('commandStarted', (event) => started.push(event));
    plain = await server.connect({ retryWrites: false });
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    await server.configure({ configureFailPoint: 'failCommand', mode: 'off' });
    await server.configure({ configureFailPoint: 'onPrimaryTransactionalWrite', mode: 'off' });
    started.length = 0;
  });

  it('retries an insert once after closeConnection, with the same lsid and txnNumber, applied once', async () => {
    const collection = retrying.db('retry').collection('closed');
    await server.configure({
      configureFailPoint: 'failCommand',
      mode: { times: 1 },
      data: { failCommands: ['insert'], closeConnection: true },
    });
    const result = await collection.insertOne({ _id: 1, x: 'once' } as never);
    expect(result.insertedId).toBe(1);
    const inserts = started.filter((event) => event.commandName === 'insert');
    expect(inserts).toHaveLength(2);
    const [first, retry] = inserts.map((event) => event.command);
    expect(first?.txnNumber).toBeDefined();
    expect(retry?.txnNumber).toEqual(first?.txnNumber);
    expect(retry?.lsid.id.toString('hex')).toBe(first?.lsid.id.toString('hex'));
    expect(await collection.find({}).toArray()).toEqual([{ _id: 1, x: 'once' }]);
  });

  it('retries an update once after a retryable error code and applies it once', async () => {
    const collection = retrying.db('retry').collection('coded');
    await collection.insertOne({ _id: 1, n: 0 } as never);
    await server.configure({
      configureFailPoint: 'failCommand',
      mode: { times: 1 },
      data: { failCommands: ['update'], errorCode: 6 },
    });
    const result = await collection.updateOne({ _id: 1 } as never, { $inc: { n: 1 } });
    expect(result.modifiedCount).toBe(1);
    expect(started.filter((event) => event.commandName === 'update')).toHaveLength(2);
    expect(await collection.findOne({ _id: 1 } as never)).toEqual({ _id: 1, n: 1 });
  });

  it('gives up after one retry: the second failure reaches the application', async () => {
    await server.configure({
      configureFailPoint: 'failCommand',
      mode: { times: 2 },
      data: { failCommands: ['delete'], errorCode: 6 },
    });
    const error = await rejection(retrying.db('retry').collection('c').deleteOne({}));
    expect(error).toMatchObject({ code: 6, codeName: 'HostUnreachable' });
    expect(started.filter((event) => event.commandName === 'delete')).toHaveLength(2);
  });

  it('onPrimaryTransactionalWrite applies a retryable write, then drops the connection unanswered', async () => {
    const db = plain.db('retry');
    await server.configure({
      configureFailPoint: 'onPrimaryTransactionalWrite',
      mode: { times: 1 },
    });
    // Not a retryable write (no txnNumber): the fail point lets it be.
    await db.collection('primary').insertOne({ _id: 'plain' } as never);
    // A retryable write sent by hand (runCommand is never retried), so the drop reaches the test.
    const session = plain.startSession();
    try {
      const insert = {
        insert: 'primary',
        documents: [{ _id: 'applied' }],
        txnNumber: Long.fromNumber(1),
      };
      const error = await rejection(db.command(insert, { session }));
      expect(error).toBeInstanceOf(MongoNetworkError);
    } finally {
      await session.endSession();
    }
    expect(await db.collection('primary').countDocuments({})).toBe(2);
  });

  it('onPrimaryTransactionalWrite: the driver retry is answered from the applied write, unfired', async () => {
    const collection = retrying.db('retry').collection('primary-retried');
    const { count: before } = await server.configure({
      configureFailPoint: 'onPrimaryTransactionalWrite',
      mode: { times: 2 },
    });
    const result = await collection.insertMany([{ _id: 1 }, { _id: 2 }] as never[]);
    expect(result.insertedCount).toBe(2);
    expect(started.filter((event) => event.commandName === 'insert')).toHaveLength(2);
    const { count: after } = await server.configure({
      configureFailPoint: 'onPrimaryTransactionalWrite',
      mode: 'off',
    });
    expect(after - before).toBe(1);
    expect(await collection.find({}).toArray()).toEqual([{ _id: 1 }, { _id: 2 }]);
  });

  it('onPrimaryTransactionalWrite failBeforeCommitExceptionCode fails the write before it applies', async () => {
    const collection = retrying.db('retry').collection('before');
    await server.configure({
      configureFailPoint: 'onPrimaryTransactionalWrite',
      mode: 'alwaysOn',
      data: { closeConnection: false, failBeforeCommitExceptionCode: 8 },
    });
    const error = await rejection(collection.insertOne({ _id: 'never' } as never));
    expect(error).toMatchObject({ code: 8, codeName: 'UnknownError' });
    await server.configure({ configureFailPoint: 'onPrimaryTransactionalWrite', mode: 'off' });
    expect(await collection.countDocuments({})).toBe(0);
  });
});
