import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { compression } from '#lib/http/compression.ts';

/** The compression middlewares alone around a route answering `headers` and a small body. */
async function answer(headers: Record<string, string>, acceptEncoding?: string) {
  const handler = middy(
    async (): Promise<APIGatewayProxyStructuredResultV2> => ({
      statusCode: 200,
      headers,
      body: '{}',
    }),
  ).use(compression());
  const event = {
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
  } as unknown as APIGatewayProxyEventV2;
  return (await handler(event, {} as never)) as APIGatewayProxyStructuredResultV2;
}

describe('compression(): Vary on every answer', () => {
  it('adds Accept-Encoding to a Vary the route set, in whichever case it was set', async () => {
    expect((await answer({ Vary: 'Origin' })).headers).toEqual({ Vary: 'Origin, Accept-Encoding' });
    expect((await answer({ vary: 'Origin' }, 'br')).headers).toEqual({
      vary: 'Origin, Accept-Encoding',
    });
  });

  it('leaves a Vary that already names Accept-Encoding, or *, as it is', async () => {
    for (const vary of ['accept-encoding', 'Origin,Accept-Encoding', '*']) {
      expect((await answer({ Vary: vary })).headers).toEqual({ Vary: vary });
    }
  });

  it('sets it on an answer too small to compress', async () => {
    expect((await answer({}, 'gzip')).headers).toEqual({ Vary: 'Accept-Encoding' });
  });
});
