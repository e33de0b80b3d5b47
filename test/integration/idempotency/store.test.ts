import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IdempotencyKeys } from '#lib/idempotency/index.ts';
import { claimKey, completeKey, releaseKey } from '#lib/idempotency/store.ts';
import { type ModelFixture, modelFixture } from '#test/integration/model/support.ts';

// The key records through the driver: which request may run, which replays, which waits.
let f: ModelFixture;
beforeAll(async () => {
  f = await modelFixture('idempotency_store');
  await f.db.collection('idempotency_keys').createIndexes([...IdempotencyKeys.indexes]);
});
afterAll(() => f.close());
beforeEach(() => f.db.collection('idempotency_keys').deleteMany({}));

const KEY = 'k'.repeat(64);
const FP = 'f'.repeat(64);
const request = (over: Partial<Parameters<typeof claimKey>[1]> = {}) => ({
  key: KEY,
  fingerprint: FP,
  lockMs: 10_000,
  ttlMs: 60_000,
  ...over,
});
const record = () => f.db.collection('idempotency_keys').findOne({ key: KEY });
const answer = { statusCode: 201, headers: { Location: '/x/1' }, body: { _id: '1' } };

describe('claimKey', () => {
  it('one claim; then in progress; then the stored answer; another request is a mismatch', async () => {
    expect(await claimKey(f.ctx(), request())).toEqual({ kind: 'claimed' });
    expect(await claimKey(f.ctx(), request())).toEqual({ kind: 'in-progress' });
    await completeKey(f.ctx(), KEY, answer);
    expect(await claimKey(f.ctx(), request())).toEqual({ kind: 'replay', response: answer });
    expect(await claimKey(f.ctx(), request({ fingerprint: 'e'.repeat(64) }))).toEqual({
      kind: 'mismatch',
    });
  });

  it('of concurrent claims exactly one wins', async () => {
    const claims = await Promise.all(Array.from({ length: 8 }, () => claimKey(f.ctx(), request())));
    expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.kind === 'in-progress')).toHaveLength(7);
  });

  it('takes over a claim whose request died (its lock has passed)', async () => {
    await claimKey(f.ctx(), request({ lockMs: -1 }));
    const before = await record();
    expect(await claimKey(f.ctx(), request())).toEqual({ kind: 'claimed' });
    const after = await record();
    expect(after?._id).toEqual(before?._id);
    expect(after?.lockedUntil.getTime()).toBeGreaterThan(Date.now());
  });

  it('an expired answer the TTL monitor has not removed yet is gone: the key is free', async () => {
    await claimKey(f.ctx(), request({ ttlMs: -1 }));
    await completeKey(f.ctx(), KEY, answer);
    const other = request({ fingerprint: 'e'.repeat(64) });
    expect(await claimKey(f.ctx(), other)).toEqual({ kind: 'claimed' });
    expect((await record())?.fingerprint).toBe('e'.repeat(64));
  });

  it('a released key is claimed again; a completed one is not released', async () => {
    await claimKey(f.ctx(), request());
    await releaseKey(f.ctx(), KEY);
    expect(await record()).toBeNull();
    expect(await claimKey(f.ctx(), request())).toEqual({ kind: 'claimed' });
    await completeKey(f.ctx(), KEY, answer);
    await releaseKey(f.ctx(), KEY);
    expect((await record())?.status).toBe('completed');
  });
});
