import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** An API Gateway HTTP API (payload 2.0) event as Lambda receives it for `routeKey`. */
export function apiEvent(
  routeKey: string,
  rawPath: string,
  {
    pathParameters,
    query = {},
  }: { pathParameters?: Record<string, string>; query?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  const [method = 'GET'] = routeKey.split(' ');
  const rawQueryString = new URLSearchParams(query).toString();
  const now = Date.now();
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers: { host: 'bench.local', 'user-agent': 'bench', accept: 'application/json' },
    ...(rawQueryString ? { queryStringParameters: { ...query } } : {}),
    ...(pathParameters ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'bench.local',
      domainPrefix: 'bench',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'bench',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    isBase64Encoded: false,
  };
}

/** A Lambda context whose remaining time counts down from `timeoutMs` (serverless.yml: 10 s). */
export function lambdaContext(timeoutMs = 10_000): Context {
  const start = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'bench',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:bench',
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/bench',
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => timeoutMs - (Date.now() - start),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
