import {
  type CommandFailedEvent,
  type MongoClient,
  MongoNetworkError,
  MongoServerError,
  MongoWriteConcernError,
} from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FailPointServer, rejection, startFailPointServer } from './fixture.ts';

describe('failCommand data fields (real driver, localdb in test mode)', () => {
  let server: FailPointServer;
  /** A client that does not retry, so each injected failure reaches the test as it is. */
  let plain: MongoClient;
  const failed: CommandFailedEvent[] = [];
  const once = (data: object) =>
    server.configure({ configureFailPoint: 'failCommand', mode: { times: 1 }, data });

  beforeAll(async () => {
    server = await startFailPointServer();
    plain = await server.connect({ retryWrites: false, retryReads: false, monitorCommands: true });
    plain.on('commandFailed', (event) => failed.push(event));
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    await server.configure({ configureFailPoint: 'failCommand', mode: 'off' });
    failed.length = 0;
  });

  it('errorCode answers ok:0 with that code, its codeName and the failpoint message', async () => {
    await once({ failCommands: ['find'], errorCode: 189 });
    const error = await rejection(plain.db('fields').collection('c').findOne({}));
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({
      code: 189,
      codeName: 'PrimarySteppedDown',
      message: "Failing command via 'failCommand' failpoint",
    });
  });

  it('names codes it does not know Location<code>, as mongod does', async () => {
    await once({ failCommands: ['find'], errorCode: 4242 });
    const error = await rejection(plain.db('fields').collection('c').findOne({}));
    expect(error).toMatchObject({ code: 4242, codeName: 'Location4242' });
  });

  it('closeConnection drops the socket without a reply (a network error for the driver)', async () => {
    await once({ failCommands: ['find'], closeConnection: true });
    const error = await rejection(plain.db('fields').collection('c').findOne({}));
    expect(error).toBeInstanceOf(MongoNetworkError);
    expect(await plain.db('fields').collection('c').findOne({})).toBeNull();
  });

  it('adds RetryableWriteError to retryable codes on retryable writes only', async () => {
    const retrying = await server.connect({ retryWrites: true, retryReads: false });
    // A retryable write the driver may retry once: two failures exhaust it and surface the label.
    await server.configure({
      configureFailPoint: 'failCommand',
      mode: { times: 2 },
      data: { failCommands: ['insert'], errorCode: 10107 },
    });
    const write = await rejection(retrying.db('fields').collection('c').insertOne({ n: 1 }));
    expect(write.errorLabels).toEqual(['RetryableWriteError']);

    await once({ failCommands: ['insert'], errorCode: 10107 });
    const notRetryable = await rejection(plain.db('fields').collection('c').insertOne({ n: 2 }));
    expect(notRetryable.code).toBe(10107);
    expect(notRetryable.errorLabels ?? []).toEqual([]);

    await once({ failCommands: ['find'], errorCode: 10107 });
    const read = await rejection(plain.db('fields').collection('c').findOne({}));
    expect(read.errorLabels ?? []).toEqual([]);

    await server.configure({
      configureFailPoint: 'failCommand',
      mode: { times: 2 },
      data: { failCommands: ['insert'], errorCode: 11000 },
    });
    const notRetriable = await rejection(retrying.db('fields').collection('c').insertOne({ n: 3 }));
    expect(notRetriable.errorLabels ?? []).toEqual([]);
  });

  it('labels a retryable writeConcernError on a retryable write RetryableWriteError', async () => {
    const retrying = await server.connect({ retryWrites: true });
    const collection = retrying.db('fields').collection('wce-label');
    await server.configure({
      configureFailPoint: 'failCommand',
      mode: { times: 2 },
      data: { failCommands: ['update'], writeConcernError: { code: 91, errmsg: 'shutting down' } },
    });
    const error = await rejection(collection.updateOne({}, { $set: { x: 1 } }, { upsert: true }));
    expect(error).toBeInstanceOf(MongoWriteConcernError);
    expect(error.errorLabels).toContain('RetryableWriteError');
  });

  it('labels a transient failure inside a transaction TransientTransactionError', async () => {
    const session = plain.startSession();
    try {
      session.startTransaction();
      await once({ failCommands: ['insert'], errorCode: 112 });
      const error = await rejection(
        plain.db('fields').collection('txn').insertOne({ x: 1 }, { session }),
      );
      expect(error).toMatchObject({ code: 112, codeName: 'WriteConflict' });
      expect(error.errorLabels).toEqual(['TransientTransactionError']);
    } finally {
      await session.abortTransaction().catch(() => undefined);
      await session.endSession();
    }
  });

  it('errorLabels replace the server labels, and an empty list removes them', async () => {
    await once({ failCommands: ['insert'], errorCode: 8, errorLabels: ['SomeLabel'] });
    const labelled = await rejection(plain.db('fields').collection('c').insertOne({}));
    expect(labelled.errorLabels).toEqual(['SomeLabel']);

    const retrying = await server.connect({ retryWrites: true });
    await once({ failCommands: ['insert'], errorCode: 91, errorLabels: [] });
    const unlabelled = await rejection(retrying.db('fields').collection('c').insertOne({}));
    expect(unlabelled.code).toBe(91);
    expect(unlabelled.errorLabels ?? []).toEqual([]);
  });

  it('writeConcernError lets the write run and surfaces as MongoWriteConcernError', async () => {
    const collection = plain.db('fields').collection('wce');
    await once({
      failCommands: ['insert'],
      writeConcernError: {
        code: 64,
        errmsg: 'waiting for replication timed out',
        errInfo: { wtimeout: true },
      },
    });
    const error = await rejection(collection.insertOne({ _id: 'kept' } as never));
    expect(error).toBeInstanceOf(MongoWriteConcernError);
    expect(error).toMatchObject({ code: 64, codeName: 'WriteConcernTimeout' });
    expect((error as unknown as MongoWriteConcernError).errInfo).toEqual({ wtimeout: true });
    expect(await collection.countDocuments({ _id: 'kept' } as never)).toBe(1);
  });

  it('blockConnection delays the command, then lets it run', async () => {
    await once({ failCommands: ['find'], blockConnection: true, blockTimeMS: 300 });
    const started = performance.now();
    expect(await plain.db('fields').collection('c').findOne({ none: 1 })).toBeNull();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('blockConnection with errorCode delays, then fails', async () => {
    await once({ failCommands: ['find'], blockConnection: true, blockTimeMS: 200, errorCode: 8 });
    const started = performance.now();
    const error = await rejection(plain.db('fields').collection('c').findOne({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(error).toMatchObject({ code: 8, codeName: 'UnknownError' });
  });

  it('appName fails only connections whose handshake named that application', async () => {
    const targeted = await server.connect({ appName: 'targeted-app', retryReads: false });
    await server.configure({
      configureFailPoint: 'failCommand',
      mode: 'alwaysOn',
      data: { failCommands: ['find'], errorCode: 8, appName: 'targeted-app' },
    });
    expect(await plain.db('fields').collection('c').findOne({ none: 1 })).toBeNull();
    await expect(targeted.db('fields').collection('c').findOne({})).rejects.toMatchObject({
      code: 8,
    });
  });

  it('namespace fails only commands on that collection', async () => {
    await server.configure({
      configureFailPoint: 'failCommand',
      mode: 'alwaysOn',
      data: { failCommands: ['find'], errorCode: 8, namespace: 'fields.target' },
    });
    expect(await plain.db('fields').collection('other').findOne({})).toBeNull();
    await expect(plain.db('fields').collection('target').findOne({})).rejects.toMatchObject({
      code: 8,
    });
  });

  it('matches commands by their canonical name (findAndModify)', async () => {
    await once({ failCommands: ['findAndModify'], errorCode: 8 });
    await expect(
      plain
        .db('fields')
        .collection('c')
        .findOneAndUpdate({}, { $set: { x: 1 } }),
    ).rejects.toMatchObject({ code: 8 });
    expect(failed.map((event) => event.commandName)).toEqual(['findAndModify']);
  });
});
