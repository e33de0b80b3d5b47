import middy from '@middy/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiContext, ApiEvent, ApiResult } from '#lib/http/types.ts';
import { observeInvocation } from '#lib/observability/index.ts';

afterEach(() => vi.restoreAllMocks());

const event = (id: string) =>
  ({ routeKey: 'GET /things/{id}', rawPath: `/things/${id}` }) as unknown as ApiEvent;
const context = (id: string) =>
  ({ awsRequestId: id, getRemainingTimeInMillis: () => 10_000 }) as unknown as ApiContext;

/** The middleware alone on a chain whose handler answers at once (no database). */
function chain() {
  return middy<ApiEvent, ApiResult, Error, ApiContext, Record<string, unknown>>(async () => ({
    statusCode: 200,
    body: '{}',
  })).use(observeInvocation());
}

describe('observeInvocation', () => {
  it('writes the lines of invocations that answer in the same turn with one write', async () => {
    const writes: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      writes.push(String(chunk));
      return true;
    });
    const handler = chain();
    await Promise.all(['a', 'b', 'c'].map((id) => handler(event(id), context(id))));
    expect(writes).toEqual([]); // after the answers, not before
    await new Promise(setImmediate);
    expect(writes).toHaveLength(1);
    const lines = (writes[0] ?? '').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line).requestId)).toEqual(['a', 'b', 'c']);

    // One at a time, as in Lambda: one line, one write each.
    for (const id of ['d', 'e']) {
      await handler(event(id), context(id));
      await new Promise(setImmediate);
    }
    expect(writes.slice(1).map((text) => JSON.parse(text).requestId)).toEqual(['d', 'e']);
  });

  it('reports a line it cannot write and leaves the answer alone', async () => {
    const warnings: unknown[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args) => warnings.push(args));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => {
      throw new Error('EPIPE');
    });
    const answer = await chain()(event('f'), context('f'));
    await new Promise(setImmediate);
    expect(answer.statusCode).toBe(200);
    expect(JSON.stringify(warnings)).toContain('Invocation line not written');
  });
});
