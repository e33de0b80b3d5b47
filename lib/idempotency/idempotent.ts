import { createHash } from 'node:crypto';
import { ApiError } from '#lib/http/errors.ts';
import { headerOf } from '#lib/http/header.ts';
import { RETRY_AFTER_SECONDS } from '#lib/http/mongo-error-mapping.ts';
import type { RouteResponse } from '#lib/http/response.ts';
import { serializeBody } from '#lib/http/serialize.ts';
import type { ApiEvent } from '#lib/http/types.ts';
import { describeError, logger } from '#lib/log/index.ts';
import type { ModelContext } from '#lib/model/index.ts';
import { msLeft } from '#lib/mongo/deadline.ts';
import { parseIdempotencyKey } from './key-header.ts';
import { claimKey, completeKey, releaseKey } from './store.ts';

/** How long an answer is replayed (Stripe keeps keys 24 hours). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Beyond the invocation's own budget, before a dead request's key may be taken over. */
const LOCK_MARGIN_MS = 5_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface IdempotentRequest extends ModelContext {
  readonly event: ApiEvent;
  /** The token's subject: keys are per caller, so one cannot replay another's answer. */
  readonly subject: string | undefined;
}

/**
 * Runs a non-idempotent route (a POST) at most once per `Idempotency-Key` (IETF
 * draft-ietf-httpapi-idempotency-key-header): a retry with the same key and request gets the
 * first 2xx answer again (`Idempotent-Replayed: true`) instead of a second write; the same key
 * with another request is a 422, and while the first still runs a 409. A failed first request
 * lets the key go, so its retry runs. Without the header the route simply runs.
 */
export async function idempotent(
  request: IdempotentRequest,
  work: () => Promise<RouteResponse>,
): Promise<RouteResponse> {
  const { event } = request;
  const clientKey = parseIdempotencyKey(headerOf(event.headers, 'idempotency-key'));
  if (clientKey === undefined) return work();
  const key = sha256(JSON.stringify([request.subject ?? '', event.routeKey, clientKey]));
  const fingerprint = sha256(
    JSON.stringify([event.rawPath, event.rawQueryString ?? '', event.isBase64Encoded, event.body]),
  );
  const lockMs = msLeft(request.budget) + LOCK_MARGIN_MS;
  const claim = await claimKey(request, { key, fingerprint, lockMs, ttlMs: IDEMPOTENCY_TTL_MS });
  if (claim.kind === 'replay') {
    const { statusCode, headers, body } = claim.response;
    return { statusCode, headers: { ...headers, 'Idempotent-Replayed': 'true' }, body };
  }
  if (claim.kind === 'mismatch') {
    throw new ApiError(422, 'This Idempotency-Key was used with another request', {
      type: 'idempotency-key-reused',
      errors: [{ pointer: '/headers/idempotency-key', detail: 'was sent with another request' }],
    });
  }
  if (claim.kind === 'in-progress') {
    throw new ApiError(409, 'A request with this Idempotency-Key is still being processed', {
      type: 'idempotency-key-in-progress',
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    });
  }
  let response: RouteResponse;
  try {
    response = await work();
  } catch (error) {
    await releaseKey(request, key).catch(() => {});
    throw error;
  }
  try {
    if (response.statusCode < 200 || response.statusCode > 299) await releaseKey(request, key);
    else await completeKey(request, key, stored(response));
  } catch (error) {
    // The write happened: answer it. The key stays claimed until its lock passes.
    logger.warn('Idempotency key not recorded', describeError(error));
  }
  return response;
}

/** The answer as a replay gives it: its JSON form, so it serialises to the same text. */
function stored(response: RouteResponse) {
  return {
    statusCode: response.statusCode,
    headers: { ...response.headers },
    ...(response.body === undefined ? {} : { body: JSON.parse(serializeBody(response.body)) }),
  };
}
