import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateMessage } from '#localdb/wire/header.ts';
import { encodeOpMsg } from '#localdb/wire/op-msg.ts';
import { encodeOpQuery } from '#localdb/wire/op-query.ts';
import { useOwnLocalDb } from '#test/support/own-localdb.ts';
import { RawClient } from './raw-client.ts';

const validPing = () =>
  encodeOpMsg({ requestId: 1, responseTo: 0, body: { ping: 1, $db: 'admin' } });
const validInsert = () =>
  encodeOpMsg({
    requestId: 2,
    responseTo: 0,
    body: { hello: 1, $db: 'admin' },
    sequences: [{ identifier: 'documents', documents: [{ a: 1 }, { b: 'x' }] }],
    checksum: true,
  });

const lengthPrefixed = (length: number, rest: Uint8Array) => {
  const head = Buffer.alloc(4);
  head.writeInt32LE(length, 0);
  return Buffer.concat([head, rest]);
};

/** Hostile inputs: random bytes, truncated and mutated valid frames, bad lengths, garbage BSON. */
const hostileFrame = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.integer({ min: 1, max: 60 }).map((cut) => validPing().subarray(0, cut)),
  fc.tuple(fc.nat(200), fc.integer({ min: 1, max: 255 })).map(([at, xor]) => {
    const bytes = Buffer.from(validInsert());
    const index = at % bytes.byteLength;
    bytes[index] = bytes[index]! ^ xor;
    return bytes;
  }),
  fc
    .oneof(
      fc.integer({ min: -(2 ** 31), max: 15 }),
      fc.integer({ min: 48_000_001, max: 2 ** 31 - 1 }),
    )
    .map((length) => lengthPrefixed(length, Buffer.alloc(12))),
  fc
    .integer({ min: 1_000_000, max: 47_000_000 })
    .map((length) => lengthPrefixed(length, Buffer.alloc(40, 1))),
  fc.uint8Array({ minLength: 5, maxLength: 120 }).map((garbage) => {
    const bytes = allocateMessage(16 + 4 + 1 + garbage.byteLength, 3, 0, 2013);
    bytes.set(garbage, 21);
    bytes.writeInt32LE(garbage.byteLength, 21);
    return bytes;
  }),
  fc
    .tuple(fc.integer({ min: -5, max: 3000 }), fc.uint8Array({ maxLength: 64 }))
    .map(([opCode, payload]) => {
      const bytes = allocateMessage(16 + payload.byteLength, 4, 0, opCode);
      bytes.set(payload, 16);
      return bytes;
    }),
  fc.integer({ min: 20, max: 40 }).map((cut) => {
    const bytes = Buffer.from(
      encodeOpQuery({ requestId: 5, fullCollectionName: 'a.$cmd', query: { isMaster: 1 } }),
    );
    return bytes.subarray(0, cut);
  }),
);

describe('localdb under hostile input', () => {
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);

  // Registered before the server's hooks: listening from before it starts until after it stops.
  beforeAll(() => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
  });
  afterAll(() => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  });
  const own = useOwnLocalDb();

  it('keeps serving the driver while raw sockets send random, truncated and garbage frames', async () => {
    let stop = false;
    let succeeded = 0;
    const driverLoop = (async () => {
      while (!stop) {
        const reply = await own.client.db('admin').command({ hello: 1 });
        expect(reply.ok).toBe(1);
        succeeded++;
      }
    })();

    let closedByServer = 0;
    await fc.assert(
      fc.asyncProperty(hostileFrame, async (frame) => {
        const raw = await RawClient.connect(own.db.port);
        raw.send(frame);
        // Either a reply, a close, or (an incomplete frame) silence: never a crash.
        const reply = await raw.next(60);
        if (!reply && (await raw.closedWithin(20))) closedByServer++;
        raw.close();
      }),
      { seed: 20_260_101, numRuns: 150, interruptAfterTimeLimit: 15_000 },
    );

    stop = true;
    await driverLoop;
    expect(succeeded).toBeGreaterThan(10);
    expect(closedByServer).toBeGreaterThan(20);
    expect(crashes).toEqual([]);
    await expect.poll(() => own.db.state.connections.current).toBeLessThanOrEqual(3);
    const fresh = await RawClient.connect(own.db.port);
    fresh.send(validPing());
    expect((await fresh.next())?.header.responseTo).toBe(1);
    fresh.close();
  });
});
