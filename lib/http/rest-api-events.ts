import { basePathOf, fromRestApiEvent, isRestApiEvent } from './rest-api-event.ts';
import type { ApiMiddleware, ApiRequest } from './types.ts';

/**
 * First in the chain: a REST API's event (payload 1.0) becomes the HTTP API event (2.0) every
 * other middleware and route reads (rest-api-event.ts); a 2.0 event passes untouched. Routes
 * answer `Location: /books/{id}`; behind a REST API the client's URL has the stage in front
 * (`/dev/books/{id}` at the execute-api endpoint), so the answer's Location gets it too.
 */
export function restApiEvents(): ApiMiddleware {
  const basePaths = new WeakMap<ApiRequest, string>();
  return {
    before: (request) => {
      if (!isRestApiEvent(request.event)) return;
      const base = basePathOf(request.event);
      if (base !== '') basePaths.set(request, base);
      request.event = fromRestApiEvent(request.event);
    },
    after: (request) => {
      const base = basePaths.get(request);
      const headers = request.response?.headers;
      const location = headers?.Location;
      if (base === undefined || !headers || typeof location !== 'string') return;
      if (location.startsWith('/')) headers.Location = `${base}${location}`;
    },
  };
}
