import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ApiEvent } from './types.ts';

/**
 * API Gateway REST APIs (serverless.yml `http` events) send Lambda the payload format 1.0, HTTP
 * APIs (`httpApi`) 2.0. The chain reads 2.0; a 1.0 event is rewritten to it once, at the start
 * (rest-api-events.ts), so the routes, their validation and the problem answers are the same
 * behind either API. Lambda's answer needs no rewrite: the chain returns `statusCode`,
 * `headers`, `body` and `isBase64Encoded`, which both formats read alike (it sets no cookies).
 */

/** A REST API proxy event: the 1.0 fields 2.0 has not (ALB events have no `resource`). */
export function isRestApiEvent(event: unknown): event is APIGatewayProxyEvent {
  if (typeof event !== 'object' || event === null) return false;
  return 'httpMethod' in event && 'resource' in event && !('routeKey' in event);
}

type Values = Readonly<Record<string, string | undefined>> | null | undefined;
type MultiValues = Readonly<Record<string, readonly string[] | undefined>> | null | undefined;

/** Repeated names joined with commas, as 2.0 joins them; single values where no list is given. */
function joined(single: Values, multi: MultiValues, lowerCase: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(single ?? {})) {
    if (value !== undefined) out[lowerCase ? name.toLowerCase() : name] = value;
  }
  for (const [name, values] of Object.entries(multi ?? {})) {
    if (values !== undefined && values.length > 0)
      out[lowerCase ? name.toLowerCase() : name] = values.join(',');
  }
  return out;
}

/** 1.0 hands over decoded query values only: the raw query string is rebuilt from them. */
function rawQueryOf(single: Values, multi: MultiValues): string {
  const pairs: string[] = [];
  const lists = multi ?? {};
  const names = new Set([...Object.keys(single ?? {}), ...Object.keys(lists)]);
  for (const name of names) {
    const values = lists[name] ?? [single?.[name]];
    for (const value of values) {
      if (value !== undefined)
        pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
    }
  }
  return pairs.join('&');
}

/**
 * What the client's path has in front of the API's own (`/dev` at the execute-api endpoint,
 * where the stage leads the path; empty on a custom domain mapped at its root).
 */
export function basePathOf(event: APIGatewayProxyEvent): string {
  const requested = event.requestContext.path;
  if (!requested || requested === event.path || !requested.endsWith(event.path)) return '';
  return requested.slice(0, requested.length - event.path.length);
}

/**
 * The 2.0 event a REST API event stands for. `rawPath` is the path the client asked for, with
 * the stage (`/dev/users`) or the custom domain's base path, so the `Link` headers built from it
 * lead back to the same API. A REST authorizer's claims are not carried over (they are not the
 * HTTP API JWT authorizer's `jwt`): the chain verifies the bearer token itself (lib/auth).
 */
export function fromRestApiEvent(event: APIGatewayProxyEvent): ApiEvent {
  const context = event.requestContext;
  const headers = joined(event.headers, event.multiValueHeaders, true);
  const cookie = headers.cookie;
  delete headers.cookie;
  const query = joined(event.queryStringParameters, event.multiValueQueryStringParameters, false);
  const rawPath = context.path || event.path;
  const routeKey = `${event.httpMethod} ${event.resource}`;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: rawQueryOf(event.queryStringParameters, event.multiValueQueryStringParameters),
    headers,
    ...(cookie === undefined ? {} : { cookies: cookie.split(/;\s*/).filter(Boolean) }),
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(event.pathParameters ? { pathParameters: { ...event.pathParameters } } : {}),
    ...(event.stageVariables ? { stageVariables: { ...event.stageVariables } } : {}),
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      domainName: context.domainName ?? '',
      domainPrefix: context.domainPrefix ?? '',
      http: {
        method: event.httpMethod,
        path: rawPath,
        protocol: context.protocol,
        sourceIp: context.identity.sourceIp,
        userAgent: context.identity.userAgent ?? '',
      },
      requestId: context.requestId,
      routeKey,
      stage: context.stage,
      time: context.requestTime ?? '',
      timeEpoch: context.requestTimeEpoch,
    },
    isBase64Encoded: event.isBase64Encoded,
    ...(event.body === null ? {} : { body: event.body }),
  };
}
