import jsonBodyParser from '@middy/http-json-body-parser';
import { z } from 'zod';
import { ApiError } from './errors.ts';
import type { ApiMiddleware } from './types.ts';

const OptionsSchema = z.strictObject({
  /** Largest accepted body in bytes (after base64 decoding). */
  maxBytes: z.number().int().positive(),
});
export type JsonBodyOptions = z.infer<typeof OptionsSchema>;

function header(
  headers: Record<string, string | undefined> | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/**
 * JSON body for routes that take one: over the size limit → 413; wrong or missing
 * Content-Type → 415 (from @middy/http-json-body-parser); malformed JSON or an empty body
 * → 400 (the parser answers 422, which we keep for schema failures).
 */
export function jsonBody(options: JsonBodyOptions): ApiMiddleware {
  const { maxBytes } = OptionsSchema.parse(options);
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
      const contentType = header(request.event.headers, 'content-type');
      if (contentType !== undefined && request.event.headers['content-type'] === undefined) {
        request.event.headers['content-type'] = contentType;
      }
      if (body === undefined || body === '') {
        if (contentType === undefined) {
          throw new ApiError(415, 'Content-Type must be application/json', {
            type: 'unsupported-media-type',
          });
        }
        throw new ApiError(400, 'A JSON request body is required', { type: 'malformed-json' });
      }
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
        throw new ApiError(400, 'The request body is not valid JSON', {
          type: 'malformed-json',
          cause: error,
        });
      }
    },
  };
}
