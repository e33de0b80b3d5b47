import { describe, expect, it } from 'vitest';
import { ApiError } from '#lib/http/errors.ts';
import { parseIdempotencyKey } from '#lib/idempotency/key-header.ts';

describe('parseIdempotencyKey', () => {
  it.each([
    ['8e03978e-40d5-43e8-bc93-6894a57f9324', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['"8e03978e-40d5"', '8e03978e-40d5'],
    [' "with space" ', 'with space'],
    ['"a \\"quoted\\" \\\\ key"', 'a "quoted" \\ key'],
    ['x'.repeat(255), 'x'.repeat(255)],
  ])('%j → %j', (header, key) => {
    expect(parseIdempotencyKey(header)).toBe(key);
  });

  it('absent is undefined: the route runs as usual', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each(['', '""', 'two words', '"unterminated', '"bad \\x escape"', 'x'.repeat(256), 'é'])(
    'refuses %j with a 400',
    (header) => {
      expect(() => parseIdempotencyKey(header)).toThrow(ApiError);
      expect(() => parseIdempotencyKey(header)).toThrow(
        expect.objectContaining({ statusCode: 400, type: 'invalid-idempotency-key' }),
      );
    },
  );
});
