import { ApiError } from '#lib/http/errors.ts';

// The header is a Structured Field String ("…", RFC 8941) in the IETF draft; many clients send a
// bare token (Stripe's convention, a UUID), which is accepted too. Printable ASCII, 1-255 chars.
const SF_STRING = /^"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"$/;
const BARE = /^[\x21\x23-\x7e]+$/;
const MAX_LENGTH = 255;

/** The client's key from `Idempotency-Key`, undefined when absent; a malformed one is a 400. */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  const quoted = SF_STRING.exec(text);
  const key = quoted ? (quoted[1] ?? '').replace(/\\(["\\])/g, '$1') : BARE.test(text) ? text : '';
  if (key.length === 0 || key.length > MAX_LENGTH) {
    throw new ApiError(400, 'Idempotency-Key must be 1 to 255 printable ASCII characters', {
      type: 'invalid-idempotency-key',
      errors: [{ pointer: '/headers/idempotency-key', detail: 'is not a valid idempotency key' }],
    });
  }
  return key;
}
