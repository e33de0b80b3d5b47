import { readFile } from 'node:fs/promises';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { basePathOf, fromRestApiEvent, isRestApiEvent } from '#lib/http/rest-api-event.ts';
import { CORS_EXPOSED_HEADERS } from '#lib/http/rest-api-events.ts';

/** A REST API proxy event (payload 1.0) in the shape of AWS's documented example. */
function restEvent(overrides: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent {
  return {
    resource: '/books/{id}',
    path: '/books/65f0c0ffee0000000000beef',
    httpMethod: 'GET',
    headers: {
      Accept: 'application/json',
      'Accept-Encoding': 'br',
      Host: 'abc123.execute-api.eu-west-1.amazonaws.com',
      'X-Tag': 'b',
      Cookie: 'a=1; b=2',
    },
    multiValueHeaders: {
      Accept: ['application/json'],
      'Accept-Encoding': ['br'],
      Host: ['abc123.execute-api.eu-west-1.amazonaws.com'],
      'X-Tag': ['a', 'b'],
      Cookie: ['a=1; b=2'],
    },
    queryStringParameters: { fields: 'author.name', tag: 'y' },
    multiValueQueryStringParameters: { fields: ['author.name'], tag: ['x y', 'y'] },
    pathParameters: { id: '65f0c0ffee0000000000beef' },
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: { claims: { sub: 'someone', scope: 'api/write' } },
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      extendedRequestId: 'x',
      httpMethod: 'GET',
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '203.0.113.7',
        user: null,
        userAgent: 'curl/8.5.0',
        userArn: null,
      },
      path: '/dev/books/65f0c0ffee0000000000beef',
      protocol: 'HTTP/1.1',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTime: '22/Nov/2026:03:20:00 +0000',
      requestTimeEpoch: 1795317600000,
      resourceId: 'r1',
      resourcePath: '/books/{id}',
      stage: 'dev',
    },
    body: null,
    isBase64Encoded: false,
    ...overrides,
  };
}

describe('isRestApiEvent', () => {
  it('tells a REST API event from an HTTP API event, an ALB event and anything else', () => {
    expect(isRestApiEvent(restEvent())).toBe(true);
    expect(isRestApiEvent({ version: '2.0', routeKey: 'GET /books', rawPath: '/books' })).toBe(
      false,
    );
    expect(isRestApiEvent({ httpMethod: 'GET', path: '/books', requestContext: { elb: {} } })).toBe(
      false,
    );
    expect(isRestApiEvent(null)).toBe(false);
    expect(isRestApiEvent('GET /books')).toBe(false);
  });
});

describe('fromRestApiEvent', () => {
  it('gives the route template, the path the client asked for (with the stage) and its parameters', () => {
    const event = fromRestApiEvent(restEvent());
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('GET /books/{id}');
    expect(event.requestContext.routeKey).toBe('GET /books/{id}');
    expect(event.rawPath).toBe('/dev/books/65f0c0ffee0000000000beef');
    expect(event.requestContext.http).toEqual({
      method: 'GET',
      path: '/dev/books/65f0c0ffee0000000000beef',
      protocol: 'HTTP/1.1',
      sourceIp: '203.0.113.7',
      userAgent: 'curl/8.5.0',
    });
    expect(event.requestContext.requestId).toBe('c6af9ac6-7b61-11e6-9a41-93e8deadbeef');
    expect(event.requestContext.stage).toBe('dev');
    expect(event.pathParameters).toEqual({ id: '65f0c0ffee0000000000beef' });
    expect(event.body).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
  });

  it('lower-cases header names, joins repeated headers and values with commas, moves cookies out', () => {
    const event = fromRestApiEvent(restEvent());
    expect(event.headers).toEqual({
      accept: 'application/json',
      'accept-encoding': 'br',
      host: 'abc123.execute-api.eu-west-1.amazonaws.com',
      'x-tag': 'a,b',
    });
    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.queryStringParameters).toEqual({ fields: 'author.name', tag: 'x y,y' });
    expect(event.rawQueryString).toBe('fields=author.name&tag=x%20y&tag=y');
  });

  it('leaves out what the request did not have, and carries a body as it came', () => {
    const event = fromRestApiEvent(
      restEvent({
        httpMethod: 'POST',
        resource: '/books',
        path: '/books',
        headers: { 'Content-Type': 'application/json' },
        multiValueHeaders: {},
        queryStringParameters: null,
        multiValueQueryStringParameters: null,
        pathParameters: null,
        body: 'eyJ0aXRsZSI6IngifQ==',
        isBase64Encoded: true,
      }),
    );
    expect(event.routeKey).toBe('POST /books');
    expect(event.headers).toEqual({ 'content-type': 'application/json' });
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event.rawQueryString).toBe('');
    expect(event.body).toBe('eyJ0aXRsZSI6IngifQ==');
    expect(event.isBase64Encoded).toBe(true);
  });

  it("does not carry a REST authorizer's claims: the chain verifies the token itself", () => {
    expect(fromRestApiEvent(restEvent()).requestContext).not.toHaveProperty('authorizer');
  });
});

describe('basePathOf', () => {
  it("is what the client's path has in front of the API's: the stage, a base path, or nothing", () => {
    expect(basePathOf(restEvent())).toBe('/dev');
    const at = (requested: string, path: string) =>
      basePathOf(
        restEvent({ path, requestContext: { ...restEvent().requestContext, path: requested } }),
      );
    expect(at('/books', '/books')).toBe('');
    expect(at('/library/v1/books', '/books')).toBe('/library/v1');
    expect(at('/other', '/books')).toBe('');
  });
});

describe('CORS_EXPOSED_HEADERS', () => {
  it("is the list serverless.yml gives the HTTP API's CORS, so both APIs let pages read the same headers", async () => {
    const config = load(await readFile('serverless.yml', 'utf8')) as {
      provider: { httpApi: { cors: { exposedResponseHeaders: string[] } } };
    };
    expect([...CORS_EXPOSED_HEADERS]).toEqual(config.provider.httpApi.cors.exposedResponseHeaders);
  });
});
