import httpCors from '@middy/http-cors';
import { basePathOf, fromRestApiEvent, isRestApiEvent } from './rest-api-event.ts';
import type { ApiMiddleware, ApiRequest } from './types.ts';

/** Answer headers a page may read: the same list serverless.yml gives the HTTP API's CORS. */
export const CORS_EXPOSED_HEADERS = Object.freeze([
  'ETag',
  'Idempotent-Replayed',
  'Location',
  'Link',
  'Retry-After',
  'WWW-Authenticate',
]);

export interface RestApiOptions {
  /** Origins whose pages may read the answers (`*`: any), config.corsOrigins. */
  readonly corsOrigins: readonly string[];
}

/**
 * First in the chain, for what a REST API leaves to the function (an HTTP API does it itself):
 * - its event (payload 1.0) becomes the HTTP API event (2.0) every other middleware and route
 *   reads (rest-api-event.ts); a 2.0 event passes untouched;
 * - routes answer `Location: /books/{id}`; at the execute-api endpoint the client's URL has the
 *   stage in front (`/dev/books/{id}`), so the answer's Location gets it too;
 * - CORS: with a proxy integration the REST API answers only the preflight, so the answers,
 *   problems included, get their CORS headers here (@middy/http-cors).
 */
export function restApiEvents(options: RestApiOptions): ApiMiddleware {
  const { corsOrigins, ...unknown } = options;
  if (Object.keys(unknown).length > 0)
    throw new Error(`unknown restApiEvents options: ${Object.keys(unknown).join(', ')}`);
  const cors = httpCors({
    origins: [...corsOrigins],
    exposeHeaders: CORS_EXPOSED_HEADERS.join(', '),
  }) as ApiMiddleware;
  /** The base path of each request that came from a REST API ('' when none). */
  const restRequests = new WeakMap<ApiRequest, string>();
  return {
    before: (request) => {
      if (!isRestApiEvent(request.event)) return;
      restRequests.set(request, basePathOf(request.event));
      request.event = fromRestApiEvent(request.event);
    },
    after: (request) => {
      const base = restRequests.get(request);
      if (base === undefined) return;
      const headers = request.response?.headers;
      const location = headers?.Location;
      if (headers && typeof location === 'string' && location.startsWith('/'))
        headers.Location = `${base}${location}`;
      return cors.after?.(request);
    },
    onError: (request) => {
      if (restRequests.has(request)) return cors.onError?.(request);
    },
  };
}
