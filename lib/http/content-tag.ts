import { createHash } from 'node:crypto';
import { parseEntityTags } from './entity-tags.ts';
import { headerOf } from './header.ts';
import type { ApiEvent, ApiResult } from './types.ts';

/** The weak entity tag of an answer's bytes: SHA-1 in base64url, as Express's `etag` module. */
export function contentTag(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * A 200 GET answer without an entity tag of its own (a list page, the statistics, the OpenAPI
 * document) gets a weak one made of its bytes, as Express gives every `res.send`; a client that
 * sends it back in `If-None-Match` gets a 304 without the body while the answer is the same (weak
 * comparison, RFC 9110 §13.1.2). The route has run either way: the transfer is what is saved.
 * A single document carries its version as a strong tag instead (lib/model).
 */
export function withContentTag(event: ApiEvent, result: ApiResult): ApiResult {
  const headers = result.headers ?? {};
  if (result.statusCode !== 200 || typeof result.body !== 'string' || 'ETag' in headers)
    return result;
  const tag = contentTag(result.body);
  const condition = parseEntityTags(headerOf(event.headers, 'if-none-match'), 'If-None-Match');
  const opaque = tag.slice(3, -1);
  const current =
    condition !== undefined && (condition === '*' || condition.some((t) => t.opaque === opaque));
  if (!current) return { ...result, headers: { ...headers, ETag: tag } };
  const { 'Content-Type': _type, ...kept } = headers;
  return { statusCode: 304, headers: { ...kept, ETag: tag } };
}
