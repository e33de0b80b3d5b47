import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseObservabilityConfig } from '#lib/config/observability.ts';
import {
  createInvocation,
  createMetrics,
  publishInvocationMetrics,
  recordCommand,
  summarize,
} from '#lib/observability/index.ts';
import { captureOutput } from '#test/integration/observability/support/capture.ts';

afterEach(() => vi.restoreAllMocks());

const metrics = () =>
  createMetrics(
    parseObservabilityConfig({ SERVICE_NAME: 'emf-test', METRICS_NAMESPACE: 'Test/Emf' }),
  );

function summary(route: string, status: number, cold: boolean) {
  const invocation = createInvocation({
    requestId: 'r',
    route,
    cold,
    startedAt: 0,
    slowOperationMs: 0,
  });
  recordCommand(invocation, 'find', 4, true);
  recordCommand(invocation, 'getMore', 2, true);
  invocation.connectionsOpened = 1;
  return summarize(invocation, status, 9.5);
}

describe('EMF metrics per invocation', () => {
  it('writes one CloudWatch EMF blob with service + route dimensions and every metric', () => {
    const out = captureOutput();
    publishInvocationMetrics(metrics(), summary('GET /books', 200, true));
    const blobs = out.metrics();
    expect(blobs).toHaveLength(1);
    expect(blobs[0]).toEqual({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          {
            Namespace: 'Test/Emf',
            Dimensions: [['service', 'route']],
            Metrics: [
              { Name: 'Latency', Unit: 'Milliseconds' },
              { Name: 'DbTime', Unit: 'Milliseconds' },
              { Name: 'DbCommands', Unit: 'Count' },
              { Name: 'ColdStart', Unit: 'Count' },
              { Name: 'ConnectionsOpened', Unit: 'Count' },
              { Name: 'Errors', Unit: 'Count' },
            ],
          },
        ],
      },
      service: 'emf-test',
      route: 'GET /books',
      Latency: 9.5,
      DbTime: 6,
      DbCommands: 2,
      ColdStart: 1,
      ConnectionsOpened: 1,
      Errors: 0,
    });
  });

  it('flushes per invocation: the next blob has its own route and values only', () => {
    const out = captureOutput();
    const emf = metrics();
    publishInvocationMetrics(emf, summary('GET /books', 200, true));
    publishInvocationMetrics(emf, summary('POST /books', 503, false));
    const [, second] = out.metrics();
    expect(second).toMatchObject({ route: 'POST /books', ColdStart: 0, Errors: 1, DbCommands: 2 });
    expect(Array.isArray(second?.Latency)).toBe(false);
  });

  it('counts only 5xx answers as errors', () => {
    const out = captureOutput();
    const emf = metrics();
    for (const status of [200, 404, 499, 500, 503]) {
      publishInvocationMetrics(emf, summary('GET /x', status, false));
    }
    expect(out.metrics().map((blob) => blob.Errors)).toEqual([0, 0, 0, 1, 1]);
  });
});
