import type { Context } from 'aws-lambda';
import { mintDevToken } from '#lib/auth/index.ts';
import { DEFAULT_WRITE_SCOPE } from '#lib/config/index.ts';
import type { ApiEvent } from '#lib/http/index.ts';

/** A development-key token with the write scope: what every event carries unless told otherwise. */
export const DEV_WRITE_TOKEN = await mintDevToken({
  scopes: [DEFAULT_WRITE_SCOPE],
  expiresIn: '12h',
});

export interface EventInput {
  readonly method?: string;
  /** Path with the query string, e.g. `/users?page=2`. */
  readonly path: string;
  readonly pathParameters?: Record<string, string>;
  readonly headers?: Record<string, string>;
  /** Raw body text; objects are JSON-encoded and get `content-type: application/json`. */
  readonly body?: string | object;
  readonly isBase64Encoded?: boolean;
  /**
   * Bearer token sent in `authorization` (default DEV_WRITE_TOKEN); `null` sends none. An
   * `authorization` entry in `headers` wins over both.
   */
  readonly token?: string | null;
}

/** An API Gateway HTTP API (payload format 2.0) event, as Lambda receives it. */
export function httpEvent(input: EventInput): ApiEvent {
  const method = input.method ?? 'GET';
  const [rawPath = '/', rawQueryString = ''] = input.path.split('?');
  const query = new URLSearchParams(rawQueryString);
  const queryStringParameters: Record<string, string> = {};
  for (const key of new Set(query.keys())) queryStringParameters[key] = query.getAll(key).join(',');
  const json = typeof input.body === 'object';
  const token = input.token === undefined ? DEV_WRITE_TOKEN : input.token;
  const headers: Record<string, string> = {
    host: 'api.example.test',
    ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    ...(json ? { 'content-type': 'application/json' } : {}),
    ...Object.fromEntries(
      Object.entries(input.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    ),
  };
  const body = json ? JSON.stringify(input.body) : input.body;
  return {
    version: '2.0',
    routeKey: `${method} ${rawPath}`,
    rawPath,
    rawQueryString,
    headers,
    ...(rawQueryString ? { queryStringParameters } : {}),
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey: `${method} ${rawPath}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: input.isBase64Encoded ?? false,
    ...(body !== undefined ? { body } : {}),
  };
}

/** A Lambda context whose deadline is `timeoutMs` from now. */
export function lambdaContext(timeoutMs = 10_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'users-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:users-test',
    memoryLimitInMB: '256',
    awsRequestId: `aws-${Math.random().toString(36).slice(2)}`,
    logGroupName: '/aws/lambda/users-test',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
