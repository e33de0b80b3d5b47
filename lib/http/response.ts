import { serializeBody } from './serialize.ts';
import type { ApiResult } from './types.ts';

/** What a route returns; the chain turns it into the API Gateway v2 result. */
export interface RouteResponse {
  readonly statusCode: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): RouteResponse {
  return { statusCode, body, headers };
}

export function noContent(): RouteResponse {
  return { statusCode: 204 };
}

/** Serialises under the single policy of serialize.ts; 204/304 carry no body. */
export function toApiResult(response: RouteResponse): ApiResult {
  const hasBody =
    response.body !== undefined && response.statusCode !== 204 && response.statusCode !== 304;
  return {
    statusCode: response.statusCode,
    headers: { ...(hasBody ? { 'Content-Type': 'application/json' } : {}), ...response.headers },
    ...(hasBody ? { body: serializeBody(response.body) } : {}),
  };
}
