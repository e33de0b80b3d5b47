import type { ApiEvent, ApiHandler, ApiResult } from '#lib/http/index.ts';
import { type EventInput, httpEvent, lambdaContext } from './events.ts';

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: decoded JSON whose shape each test asserts
  readonly body: any;
  readonly raw: ApiResult;
}

/** Invokes a handler through its real middy chain and decodes the JSON answer, once its line is out. */
export async function invoke(
  handler: ApiHandler,
  input: EventInput | ApiEvent,
  timeoutMs?: number,
): Promise<Answer> {
  const event = 'version' in input ? input : httpEvent(input);
  const raw = (await handler(event, lambdaContext(timeoutMs))) as ApiResult;
  // The invocation line is written just after the answer (lib/observability/middleware.ts).
  await new Promise(setImmediate);
  const headers = Object.fromEntries(
    Object.entries(raw.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  return {
    status: raw.statusCode ?? 200,
    headers,
    body: raw.body ? JSON.parse(raw.body) : undefined,
    raw,
  };
}
