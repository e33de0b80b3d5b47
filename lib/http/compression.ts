import { constants } from 'node:zlib';
import httpContentEncoding from '@middy/http-content-encoding';
import httpContentNegotiation from '@middy/http-content-negotiation';
import { headerOf } from './header.ts';
import type { ApiMiddleware } from './types.ts';

/**
 * `Vary: Accept-Encoding` on every answer of a compressing route, the uncompressed ones and 304s
 * too (RFC 9110 §12.5.5, §15.4.5): middy's encoder adds it only to the bodies it compresses, so a
 * shared cache could hand a plain answer, stored for a client without Accept-Encoding, to one
 * that asked for br, or the reverse. Registered first, its `after` runs after the encoder's.
 */
const varyOnEncoding: ApiMiddleware = {
  after: (request) => {
    const response = request.response;
    if (!response || typeof response !== 'object') return;
    response.headers ??= {};
    const headers = response.headers;
    const vary = headerOf(headers as Record<string, string>, 'vary');
    if (vary === undefined) headers.Vary = 'Accept-Encoding';
    else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary))
      headers[headers.Vary === undefined ? 'vary' : 'Vary'] = `${vary}, Accept-Encoding`;
  },
};

/**
 * Compressed answers for clients that ask (`Accept-Encoding`), through middy's own pair:
 * negotiation picks br or gzip by the client's q-values, encoding compresses the body, keeps it
 * only when smaller, returns it base64 (`isBase64Encoded`, which API Gateway decodes) and adds
 * `Vary: Accept-Encoding` (to every answer, below). Brotli at quality 4, a dynamic-content setting: node's default 11
 * costs tens of ms on a 100 KB page. Only the Accept-Encoding header is read; the others are
 * left to the routes, and an encoding nobody offers falls back to none instead of a 406.
 * For the answers that run to tens of KB, the list pages: a handler opts in with
 * `httpHandler(spec, route, { compression })`, so other bundles carry none of it (~12 KB,
 * mostly negotiator; the OpenAPI document's bundle would pass 1.2× the bare driver's with it).
 */
export function compression(): ApiMiddleware[] {
  return [
    varyOnEncoding,
    httpContentNegotiation({
      parseCharsets: false,
      parseLanguages: false,
      parseMediaTypes: false,
      parseEncodings: true,
      availableEncodings: ['br', 'gzip', 'identity'],
      failOnMismatch: false,
    }) as ApiMiddleware,
    httpContentEncoding({
      br: {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_QUALITY]: 4,
        },
      },
      gzip: { level: 6 },
      deflate: false,
      zstd: false,
    }) as ApiMiddleware,
  ];
}
