import { createHmac, timingSafeEqual } from 'node:crypto';
import { BSON, type ObjectId } from 'mongodb';
import { ApiError } from '#lib/http/errors.ts';
import type { KeysetSort } from '../types.ts';

/** Where a keyset page starts: strictly after (`next`) or before (`prev`) this position. */
export interface CursorPosition {
  readonly value: unknown;
  readonly id: ObjectId;
  readonly direction: 'next' | 'prev';
}

interface Payload {
  readonly f: string;
  readonly s: 1 | -1;
  readonly d: 'next' | 'prev';
  readonly v: unknown;
  readonly i: ObjectId;
}

const sign = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('base64url');

function invalid(cause?: unknown): ApiError {
  return new ApiError(400, 'The cursor is invalid or was issued for another ordering', {
    type: 'invalid-cursor',
    errors: [{ pointer: '/query/cursor', detail: 'must be a cursor returned by this API' }],
    cause,
  });
}

/**
 * Opaque, tamper-evident cursor: base64url of the EJSON position (so Date/ObjectId sort values
 * survive) and an HMAC-SHA256 of it. It names the ordering it belongs to, so a cursor cannot be
 * replayed against another sort. Not encrypted: it reveals the boundary document's sort value.
 */
export function encodeCursor(secret: string, sort: KeysetSort, at: CursorPosition): string {
  const payload: Payload = {
    f: sort.field,
    s: sort.direction,
    d: at.direction,
    v: at.value,
    i: at.id,
  };
  const body = Buffer.from(BSON.EJSON.stringify(payload, { relaxed: true })).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

export function decodeCursor(secret: string, sort: KeysetSort, token: string): CursorPosition {
  const [body = '', mac = '', ...rest] = token.split('.');
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(mac);
  if (rest.length > 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw invalid();
  }
  let payload: Payload;
  try {
    payload = BSON.EJSON.parse(Buffer.from(body, 'base64url').toString('utf8'), {
      relaxed: true,
    }) as Payload;
  } catch (error) {
    throw invalid(error);
  }
  if (
    payload.f !== sort.field ||
    payload.s !== sort.direction ||
    !['next', 'prev'].includes(payload.d)
  ) {
    throw invalid();
  }
  return { value: payload.v, id: payload.i, direction: payload.d };
}
