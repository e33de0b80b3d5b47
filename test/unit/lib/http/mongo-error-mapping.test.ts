import { createError } from '@middy/util';
import {
  MongoNetworkError,
  MongoNetworkTimeoutError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import { describe, expect, it } from 'vitest';
import { ApiError, toApiError } from '#lib/http/index.ts';
import { DatabaseTimeoutError } from '#lib/mongo/index.ts';

const SECRET_URI = 'mongodb://app:s3cr3t@db.example.net:27017';

function serverError(fields: Record<string, unknown>): MongoServerError {
  return new MongoServerError({ errmsg: `failure talking to ${SECRET_URI}`, ...fields });
}

describe('toApiError: the error mapping table', () => {
  it.each([
    [
      'duplicate key 11000',
      serverError({ code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'a@b.io' } }),
      409,
      'duplicate-key',
    ],
    [
      'document validation 121',
      serverError({ code: 121, errInfo: { details: {} } }),
      422,
      'document-validation-failed',
    ],
    ['MaxTimeMSExpired 50', serverError({ code: 50 }), 503, 'database-unavailable'],
    [
      'server selection',
      new MongoServerSelectionError(`no server at ${SECRET_URI}`, { servers: new Map() } as never),
      503,
      'database-unavailable',
    ],
    [
      'network',
      new MongoNetworkError(`connection reset ${SECRET_URI}`),
      503,
      'database-unavailable',
    ],
    [
      'network timeout',
      new MongoNetworkTimeoutError('socket timed out'),
      503,
      'database-unavailable',
    ],
    ['topology closed', new MongoTopologyClosedError(), 503, 'database-unavailable'],
    ['budget exhausted', new DatabaseTimeoutError(100), 503, 'database-unavailable'],
    [
      'SRV lookup failure (mongodb+srv)',
      Object.assign(new Error('querySrv ENOTFOUND _mongodb._tcp.x.example'), {
        code: 'ENOTFOUND',
        syscall: 'querySrv',
      }),
      503,
      'database-unavailable',
    ],
    [
      'an ENOTFOUND outside DNS lookups',
      Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND', syscall: 'open' }),
      500,
      'about:blank',
    ],
    ['other server error', serverError({ code: 2 }), 500, 'about:blank'],
    ['plain Error', new Error(`boom ${SECRET_URI}`), 500, 'about:blank'],
    ['thrown string', 'boom', 500, 'about:blank'],
    ['middy createError 404', createError(404, 'Nope'), 404, 'about:blank'],
  ])('%s → %i', (_name, error, status, type) => {
    const mapped = toApiError(error);
    expect(mapped).toBeInstanceOf(ApiError);
    expect(mapped.statusCode).toBe(status);
    expect(mapped.type).toBe(type);
    expect(mapped.expose).toBe(status < 500 || status === 503);
    expect(mapped.message).not.toContain('s3cr3t');
    expect(mapped.message).not.toContain('E11000');
  });

  it('names the duplicated field from keyPattern, not from the server message', () => {
    const mapped = toApiError(
      serverError({ code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'a@b.io' } }),
    );
    expect(mapped.message).toBe('A document with the same email already exists');
    expect(mapped.errors).toEqual([{ pointer: '/body/email', detail: 'must be unique' }]);
  });

  it('falls back to keyValue, then to a generic phrase', () => {
    expect(toApiError(serverError({ code: 11000, keyValue: { name: 'x' } })).message).toContain(
      'same name',
    );
    expect(toApiError(serverError({ code: 11000 })).message).toContain('a unique field');
  });

  it('503s carry Retry-After', () => {
    expect(toApiError(new MongoNetworkError('x')).headers).toEqual({ 'Retry-After': '5' });
  });

  it('keeps the original error as the cause for logging', () => {
    const original = new MongoNetworkError('x');
    expect(toApiError(original).cause).toBe(original);
  });

  it('passes ApiErrors through unchanged', () => {
    const error = new ApiError(404, 'No user', { type: 'not-found' });
    expect(toApiError(error)).toBe(error);
  });

  it('hides the message of a non-exposed http error', () => {
    const mapped = toApiError(createError(502, 'upstream said secret things'));
    expect(mapped.statusCode).toBe(502);
    expect(mapped.expose).toBe(false);
    expect(mapped.message).toBe('');
  });
});
