import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ApiEvent, ApiHandler, ApiResult } from '#lib/http/index.ts';
import { type EventInput, httpEvent, lambdaContext } from './events.ts';

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: decoded JSON whose shape each test asserts
  readonly body: any;
  readonly raw: ApiResult;
}

/** The body as API Gateway sends it and a client reads it: base64 and content coding undone. */
function bodyText(raw: ApiResult, contentEncoding: string | undefined): string | undefined {
  if (!raw.body || !raw.isBase64Encoded) return raw.body;
  const bytes = Buffer.from(raw.body, 'base64');
  if (contentEncoding === 'br') return brotliDecompressSync(bytes).toString('utf8');
  if (contentEncoding === 'gzip') return gunzipSync(bytes).toString('utf8');
  return bytes.toString('utf8');
}

/**
 * Invokes a handler through its real middy chain and decodes the JSON answer, once its line is
 * out. Given an event (an HTTP API's, or a REST API's: the chain takes both), it is sent as is.
 */
export async function invoke(
  handler: ApiHandler,
  input: EventInput | ApiEvent | APIGatewayProxyEvent,
  timeoutMs?: number,
): Promise<Answer> {
  const event = 'requestContext' in input ? (input as ApiEvent) : httpEvent(input);
  const raw = (await handler(event, lambdaContext(timeoutMs))) as ApiResult;
  // The invocation line is written just after the answer (lib/observability/middleware.ts).
  await new Promise(setImmediate);
  const headers = Object.fromEntries(
    Object.entries(raw.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  const text = bodyText(raw, headers['content-encoding']);
  return { status: raw.statusCode ?? 200, headers, body: text ? JSON.parse(text) : undefined, raw };
}
