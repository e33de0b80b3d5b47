import type { APIGatewayProxyEvent } from 'aws-lambda';
import { DEV_WRITE_TOKEN, type EventInput } from './events.ts';

export interface RestEventInput extends EventInput {
  /** The REST API resource (route template), e.g. `/books/{id}`. */
  readonly resource: string;
  /** The stage, which leads the path at the execute-api endpoint (default `dev`). */
  readonly stage?: string;
  readonly requestContext?: Partial<APIGatewayProxyEvent['requestContext']>;
}

/**
 * An API Gateway REST API proxy event (payload 1.0) as Lambda receives it: header names as the
 * client sent them, every header and query value also in the `multiValue` maps, query values
 * decoded, `path` without the stage and `requestContext.path` with it, a null body on GET.
 */
export function restEvent(input: RestEventInput): APIGatewayProxyEvent {
  const method = input.method ?? 'GET';
  const stage = input.stage ?? 'dev';
  const [path = '/', rawQuery = ''] = input.path.split('?');
  const query = new URLSearchParams(rawQuery);
  const multiQuery: Record<string, string[]> = {};
  for (const name of new Set(query.keys())) multiQuery[name] = query.getAll(name);
  const json = typeof input.body === 'object';
  const token = input.token === undefined ? DEV_WRITE_TOKEN : input.token;
  const headers: Record<string, string> = {
    Host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    'User-Agent': 'vitest',
    ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
    ...(json ? { 'Content-Type': 'application/json' } : {}),
    ...input.headers,
  };
  const body = json ? JSON.stringify(input.body) : input.body;
  const hasQuery = Object.keys(multiQuery).length > 0;
  return {
    resource: input.resource,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: hasQuery ? Object.fromEntries(query) : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters: input.pathParameters ?? null,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: undefined,
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      httpMethod: method,
      identity: { sourceIp: '203.0.113.7', userAgent: 'vitest' } as never,
      path: `/${stage}${path}`,
      protocol: 'HTTP/1.1',
      requestId: `rest-${Math.random().toString(36).slice(2)}`,
      requestTimeEpoch: Date.now(),
      resourceId: 'r1',
      resourcePath: input.resource,
      stage,
      ...input.requestContext,
    },
    body: body ?? null,
    isBase64Encoded: input.isBase64Encoded ?? false,
  };
}
