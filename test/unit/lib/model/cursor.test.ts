import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { ApiError } from '#lib/http/errors.ts';
import { decodeCursor, encodeCursor } from '#lib/model/pagination/cursor.ts';

const sort = { field: 'publishedAt', direction: -1 } as const;
const at = {
  value: new Date('2020-01-01T00:00:00Z'),
  id: new ObjectId(),
  direction: 'next',
} as const;

function status(work: () => unknown): number | undefined {
  try {
    work();
  } catch (error) {
    return error instanceof ApiError ? error.statusCode : -1;
  }
  return undefined;
}

describe('keyset cursors', () => {
  it('round-trip the position with BSON types intact', () => {
    const token = encodeCursor('secret-key-123456', sort, at);
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
    const back = decodeCursor('secret-key-123456', sort, token);
    expect(back.value).toEqual(at.value);
    expect(back.id.equals(at.id)).toBe(true);
    expect(back.direction).toBe('next');
  });

  it('are tamper-evident: another key, an edited payload, another sort all give 400', () => {
    const token = encodeCursor('secret-key-123456', sort, at);
    const [body = '', mac = ''] = token.split('.');
    const edited = Buffer.from(
      Buffer.from(body, 'base64url').toString().replace('"next"', '"prev"'),
    ).toString('base64url');
    expect(status(() => decodeCursor('another-key-123456', sort, token))).toBe(400);
    expect(status(() => decodeCursor('secret-key-123456', sort, `${edited}.${mac}`))).toBe(400);
    expect(
      status(() =>
        decodeCursor('secret-key-123456', { field: 'publishedAt', direction: 1 }, token),
      ),
    ).toBe(400);
    expect(status(() => decodeCursor('secret-key-123456', sort, `${token}.x`))).toBe(400);
    expect(status(() => decodeCursor('secret-key-123456', sort, ''))).toBe(400);
  });
});
