import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, jsonBody, toPointer, validateRequest } from '#lib/http/index.ts';
import { CreateUserBody, UserIdParams } from '#lib/users/index.ts';

function request(event: Record<string, unknown>) {
  return {
    event: { headers: {}, rawPath: '/x', ...event },
    context: {},
    internal: {},
  } as never as {
    event: Record<string, unknown>;
    context: { api?: { params: unknown; query: unknown; body: unknown } };
  };
}

async function rejection(promise: unknown): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('jsonBody', () => {
  const parse = (event: Record<string, unknown>, maxBytes = 64) => {
    const req = request(event);
    return { req, done: jsonBody({ maxBytes }).before?.(req as never) };
  };

  it('parses a JSON body', async () => {
    const { req, done } = parse({
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":1}',
    });
    await done;
    expect(req.event.body).toEqual({ a: 1 });
  });

  it('decodes base64 bodies', async () => {
    const body = Buffer.from('{"a":2}').toString('base64');
    const { req, done } = parse({
      headers: { 'content-type': 'application/json' },
      body,
      isBase64Encoded: true,
    });
    await done;
    expect(req.event.body).toEqual({ a: 2 });
  });

  it.each([
    [
      'malformed JSON',
      { headers: { 'content-type': 'application/json' }, body: '{"a":' },
      400,
      'malformed-json',
    ],
    [
      'empty body',
      { headers: { 'content-type': 'application/json' }, body: '' },
      400,
      'malformed-json',
    ],
    [
      'wrong Content-Type',
      { headers: { 'content-type': 'text/plain' }, body: '{}' },
      415,
      'unsupported-media-type',
    ],
    ['missing Content-Type', { headers: {}, body: '{}' }, 415, 'unsupported-media-type'],
    ['missing body and type', { headers: {} }, 415, 'unsupported-media-type'],
    [
      'oversized body',
      { headers: { 'content-type': 'application/json' }, body: `"${'x'.repeat(100)}"` },
      413,
      'payload-too-large',
    ],
    [
      '__proto__ key',
      { headers: { 'content-type': 'application/json' }, body: '{"__proto__":{"x":1}}' },
      422,
      'validation-failed',
    ],
  ])('%s → %i', async (_name, event, status, type) => {
    const error = await rejection(parse(event).done);
    expect(error.statusCode).toBe(status);
    expect(error.type).toBe(type);
  });

  it('rejects unknown option keys', () => {
    expect(() => jsonBody({ maxBytes: 1, limit: 2 } as never)).toThrow(/limit/);
  });
});

describe('validateRequest', () => {
  it('hands validated, transformed values to the route', () => {
    const req = request({ body: { name: '  Ann  ', email: 'Ann@Example.COM' } });
    validateRequest({ body: CreateUserBody }).before?.(req as never);
    expect(req.context.api?.body).toEqual({ name: 'Ann', email: 'ann@example.com' });
  });

  it('answers 422 listing every failing field as a JSON pointer', async () => {
    const req = request({
      body: { name: '', email: 'nope', role: 'admin' },
      queryStringParameters: { n: 'x' },
    });
    const error = await rejection(
      (async () =>
        validateRequest({
          body: CreateUserBody,
          query: z.object({ n: z.coerce.number() }),
        }).before?.(req as never))(),
    );
    expect(error.statusCode).toBe(422);
    expect(error.errors?.map((e) => e.pointer).sort()).toEqual([
      '/body/email',
      '/body/name',
      '/body/role',
      '/query/n',
    ]);
  });

  it('rejects operator injection', async () => {
    const req = request({ body: { name: { $ne: '' } } });
    const error = await rejection(
      (async () => validateRequest({ body: CreateUserBody }).before?.(req as never))(),
    );
    expect(error.statusCode).toBe(422);
    expect(error.errors).toEqual([expect.objectContaining({ pointer: '/body/name' })]);
  });

  it('answers 400 for a malformed path id', async () => {
    const req = request({ pathParameters: { id: 'not-an-id' } });
    const error = await rejection(
      (async () => validateRequest({ params: UserIdParams }).before?.(req as never))(),
    );
    expect(error.statusCode).toBe(400);
    expect(error.errors).toEqual([
      { pointer: '/params/id', detail: 'must be a 24-character hexadecimal ObjectId' },
    ]);
  });

  it('escapes pointer segments (RFC 6901)', () => {
    expect(toPointer('body', ['a/b', 'c~d', 0])).toBe('/body/a~1b/c~0d/0');
  });

  it('rejects unknown option keys', () => {
    expect(() => validateRequest({ headers: z.object({}) } as never)).toThrow(/headers/);
  });
});
