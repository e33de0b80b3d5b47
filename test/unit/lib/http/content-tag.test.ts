import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentTag, withContentTag } from '#lib/http/content-tag.ts';
import type { ApiEvent } from '#lib/http/types.ts';

const event = (headers: Record<string, string> = {}) => ({ headers }) as unknown as ApiEvent;
const ok = (body: string, headers: Record<string, string> = {}) => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json', Link: '</x>; rel="next"', ...headers },
  body,
});

describe('contentTag', () => {
  it('is the weak SHA-1 of the bytes in base64url, different for other bytes', () => {
    const sha1 = createHash('sha1').update('{"a":1}').digest('base64url');
    expect(contentTag('{"a":1}')).toBe(`W/"${sha1}"`);
    expect(contentTag('{"a":2}')).not.toBe(contentTag('{"a":1}'));
  });
});

describe('withContentTag', () => {
  it('tags a 200 with a body, and answers 304 (no body, no Content-Type) when the client has it', () => {
    const tag = contentTag('[1]');
    expect(withContentTag(event(), ok('[1]')).headers).toMatchObject({ ETag: tag });
    const current = withContentTag(event({ 'if-none-match': tag }), ok('[1]'));
    expect(current).toEqual({ statusCode: 304, headers: { Link: '</x>; rel="next"', ETag: tag } });
    expect(
      withContentTag(event({ 'if-none-match': contentTag('[2]') }), ok('[1]')).statusCode,
    ).toBe(200);
  });

  it('leaves alone what it must not tag: another status, no body, a tag the route set', () => {
    const notFound = { statusCode: 404, body: '{}' };
    expect(withContentTag(event(), notFound)).toBe(notFound);
    const empty = { statusCode: 200 };
    expect(withContentTag(event(), empty)).toBe(empty);
    const versioned = ok('{}', { ETag: '"3"' });
    expect(withContentTag(event({ 'if-none-match': '"3"' }), versioned)).toBe(versioned);
  });
});
