import { describe, expect, it } from 'vitest';
import { failure } from '#test/support/server-failure.ts';
import { useTestDb } from '#test/support/test-db.ts';

/** Time series collections as an application meets them; every expectation holds on mongod. */
describe('time series collections', () => {
  const own = useTestDb('timeseries');
  const readings = () => own.db.collection('readings');

  it('are listed as time series with the options mongod completes', async () => {
    await own.db.createCollection('readings', {
      timeseries: { timeField: 'at', metaField: 'sensor' },
    });
    const [info] = await own.db
      .listCollections({ name: 'readings' }, { nameOnly: false })
      .toArray();
    expect(info?.type).toBe('timeseries');
    expect(info?.options?.timeseries).toEqual({
      timeField: 'at',
      metaField: 'sensor',
      granularity: 'seconds',
      bucketMaxSpanSeconds: 3600,
    });
  });

  it('take documents with a date in the time field, and refuse others', async () => {
    const at = new Date('2026-01-02T03:04:05Z');
    await readings().insertMany([
      { at, sensor: { id: 1 }, celsius: 20.5 },
      { at: new Date(at.getTime() + 60_000), sensor: { id: 1 }, celsius: 21.5 },
    ]);
    const [mean] = await readings()
      .aggregate([{ $group: { _id: '$sensor.id', mean: { $avg: '$celsius' } } }])
      .toArray();
    expect(mean).toEqual({ _id: 1, mean: 21 });
    expect((await failure(readings().insertOne({ sensor: { id: 2 }, celsius: 3 }))).code).toBe(2);
    expect((await failure(readings().insertOne({ at: '2026-01-02', celsius: 3 }))).code).toBe(2);
  });

  it('refuse create options mongod refuses', async () => {
    const code = async (options: object) =>
      (await failure(own.db.createCollection(`bad${Math.random()}`.replace('.', ''), options)))
        .code;
    expect(await code({ timeseries: { metaField: 'm' } })).toBe(40414);
    expect(await code({ timeseries: { timeField: 't', bogus: 1 } })).toBe(40415);
    expect(await code({ expireAfterSeconds: 60 })).toBe(72);
  });

  it('take no writes inside a transaction', async () => {
    await own.db.createCollection('metrics', { timeseries: { timeField: 'at' } });
    const session = own.client.startSession();
    try {
      const error = await failure(
        session.withTransaction(() =>
          own.db.collection('metrics').insertOne({ at: new Date() }, { session }),
        ),
      );
      expect(error.code).toBe(263);
    } finally {
      await session.endSession();
    }
  });
});
