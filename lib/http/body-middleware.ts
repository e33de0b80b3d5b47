import jsonBodyParser from '@middy/http-json-body-parser';
import * as z from 'zod/mini';
import { guardBody } from './body-guard.ts';
import { ApiError } from './errors.ts';
import { headerOf } from './header.ts';
import type { ApiMiddleware } from './types.ts';

const OptionsSchema = z.strictObject({
  /** Largest accepted body in bytes (after base64 decoding). */
  maxBytes: z.number().check(z.int(), z.positive()),
});
export type JsonBodyOptions = z.infer<typeof OptionsSchema>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function malformed(detail: string, cause?: unknown): ApiError {
  return new ApiError(400, detail, { type: 'malformed-json', ...(cause ? { cause } : {}) });
}

/** The body's bytes as text: base64 checked and decoded, UTF-8 strictly (never U+FFFD). */
function bodyText(body: string, isBase64Encoded: boolean): string {
  if (!isBase64Encoded) return body;
  const compact = body.replace(/\s+/g, '');
  if (compact.length % 4 === 1 || !BASE64.test(compact)) {
    throw malformed('The request body is not valid base64');
  }
  try {
    return utf8.decode(Buffer.from(compact, 'base64'));
  } catch (error) {
    throw malformed('The request body is not valid UTF-8', error);
  }
}

/**
 * JSON body for routes that take one: over the size limit → 413; wrong or missing
 * Content-Type → 415 (from @middy/http-json-body-parser); malformed JSON, an empty body, bad
 * base64 or invalid UTF-8 → 400 (the parser answers 422, which we keep for schema failures);
 * then guardBody's structural limits (operator/prototype keys, NUL, depth, size).
 */
export function jsonBody(options: JsonBodyOptions): ApiMiddleware {
  const { maxBytes } = z.parse(OptionsSchema, options);
  const parser = jsonBodyParser();
  return {
    before: async (request) => {
      const { body, isBase64Encoded } = request.event;
      const size =
        body === undefined ? 0 : Buffer.byteLength(body, isBase64Encoded ? 'base64' : 'utf8');
      if (size > maxBytes) {
        throw new ApiError(413, `Request body exceeds ${maxBytes} bytes`, {
          type: 'payload-too-large',
        });
      }
      const contentType = headerOf(request.event.headers, 'content-type');
      if (contentType !== undefined && request.event.headers['content-type'] === undefined) {
        request.event.headers['content-type'] = contentType;
      }
      if (body === undefined || body === '') {
        if (contentType === undefined) {
          throw new ApiError(415, 'Content-Type must be application/json', {
            type: 'unsupported-media-type',
          });
        }
        throw malformed('A JSON request body is required');
      }
      // Decoded here so that the parser sees checked text (it would decode leniently).
      request.event.body = bodyText(body, isBase64Encoded);
      request.event.isBase64Encoded = false;
      try {
        await parser.before?.(request as never);
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 415) {
          throw new ApiError(415, 'Content-Type must be application/json', {
            type: 'unsupported-media-type',
            cause: error,
          });
        }
        const forbidden = (error as { cause?: { data?: unknown } }).cause?.data;
        if (status === 422 && (forbidden === '__proto__' || forbidden === 'constructor')) {
          // The parser's prototype guard: a JSON-valid body with a key no route accepts.
          throw new ApiError(422, 'The request body contains keys that are not accepted', {
            type: 'validation-failed',
            errors: [{ pointer: '/body', detail: `must not contain the key ${forbidden}` }],
            cause: error,
          });
        }
        throw malformed('The request body is not valid JSON', error);
      }
      guardBody(request.event.body);
    },
  };
}
