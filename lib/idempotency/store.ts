import { MongoServerError } from 'mongodb';
import { MongoCode } from '#lib/http/mongo-error-mapping.ts';
import type { ModelContext } from '#lib/model/index.ts';
import { IdempotencyKeys, type IdempotencyRecord } from './model.ts';

/** What a request holding a key may do. */
export type Claim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'replay'; readonly response: NonNullable<IdempotencyRecord['response']> }
  | { readonly kind: 'in-progress' }
  | { readonly kind: 'mismatch' };

export interface ClaimRequest {
  readonly key: string;
  readonly fingerprint: string;
  /** How long the first request may take before another may take its key over. */
  readonly lockMs: number;
  /** How long a completed answer is replayed. */
  readonly ttlMs: number;
}

/** Rounds of insert-or-inspect: a record can expire or be released between two steps. */
const ROUNDS = 3;

/**
 * Claims the key with one insert (its unique index decides between racing requests), or
 * tells what the request holding it did: answered (replay), still running, or was another
 * request (mismatch). A claim whose holder died (lock passed) is taken over.
 */
export async function claimKey(ctx: ModelContext, request: ClaimRequest): Promise<Claim> {
  const { runner } = IdempotencyKeys.bind(ctx);
  for (let round = 1; ; round += 1) {
    const now = Date.now();
    const fresh = {
      key: request.key,
      fingerprint: request.fingerprint,
      status: 'in-progress' as const,
      lockedUntil: new Date(now + request.lockMs),
      expiresAt: new Date(now + request.ttlMs),
    };
    try {
      // A copy: the driver sets _id on the document it inserts, and fresh may replace another.
      await runner.run((c, op) => c.insertOne({ ...fresh }, op));
      return { kind: 'claimed' };
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === MongoCode.DuplicateKey))
        throw error;
    }
    const held = await runner.run((c, op) => c.findOne({ key: request.key }, op));
    if (held && held.expiresAt.getTime() > now) {
      if (held.fingerprint !== request.fingerprint) return { kind: 'mismatch' };
      if (held.status === 'completed' && held.response)
        return { kind: 'replay', response: held.response };
      if (held.status === 'in-progress' && held.lockedUntil.getTime() > now)
        return { kind: 'in-progress' };
    }
    if (held) {
      // Expired (the TTL monitor has not removed it yet) or abandoned by a request that died:
      // replace it if it is still the record just read, else look again.
      const stale = { _id: held._id, status: held.status, lockedUntil: held.lockedUntil };
      const taken = await runner.run((c, op) => c.findOneAndReplace(stale, fresh, op));
      if (taken) return { kind: 'claimed' };
    }
    if (round === ROUNDS) return { kind: 'in-progress' };
  }
}

/** Stores the answer of the request that holds the key, for its replays. */
export async function completeKey(
  ctx: ModelContext,
  key: string,
  response: NonNullable<IdempotencyRecord['response']>,
): Promise<void> {
  await IdempotencyKeys.bind(ctx).runner.run((c, op) =>
    c.updateOne({ key, status: 'in-progress' }, { $set: { status: 'completed', response } }, op),
  );
}

/** Lets the key go (the request failed): a retry with it runs again. */
export async function releaseKey(ctx: ModelContext, key: string): Promise<void> {
  await IdempotencyKeys.bind(ctx).runner.run((c, op) =>
    c.deleteOne({ key, status: 'in-progress' }, op),
  );
}
