import { describe, expect, it } from 'vitest';
import {
  createInvocation,
  INVOCATION_METRICS,
  invocationEmf,
  invocationEmfParts,
  recordCommand,
  summarize,
} from '#lib/observability/index.ts';
import { EXPECTED_INVOCATION_METRICS } from '#test/support/invocation-metrics.ts';

const config = { metricsNamespace: 'Test/Emf', serviceName: 'emf-test' };

function summary(status: number, cold: boolean) {
  const invocation = createInvocation({
    requestId: 'r',
    route: 'GET /books',
    cold,
    startedAt: 0,
    slowOperationMs: 0,
  });
  recordCommand(invocation, 'find', 4, true);
  recordCommand(invocation, 'getMore', 2, true);
  invocation.connectionsOpened = 1;
  return summarize(invocation, status, 9.5);
}

/** The EMF specification's rules for one blob, checked member by member. */
function expectValidEmf(blob: Record<string, unknown>): void {
  const meta = blob._aws as { Timestamp: unknown; CloudWatchMetrics: unknown[] };
  expect(Number.isInteger(meta.Timestamp)).toBe(true);
  expect(meta.CloudWatchMetrics.length).toBeGreaterThan(0);
  for (const directive of meta.CloudWatchMetrics as {
    Namespace: string;
    Dimensions: string[][];
    Metrics: { Name: string; Unit: string }[];
  }[]) {
    expect(directive.Namespace).toMatch(/^[^:].{0,254}$/);
    for (const set of directive.Dimensions) {
      expect(set.length).toBeLessThanOrEqual(30);
      for (const name of set) expect(typeof blob[name]).toBe('string');
    }
    expect(directive.Metrics.length).toBeLessThanOrEqual(100);
    for (const metric of directive.Metrics) {
      expect(typeof blob[metric.Name]).toBe('number');
      expect(['Milliseconds', 'Count']).toContain(metric.Unit);
    }
  }
}

describe('invocation EMF', () => {
  it('declares every metric with dimensions service + route, values from the summary', () => {
    const blob = invocationEmf(config, summary(200, true), 1_700_000_000_000);
    expectValidEmf(blob);
    expect(JSON.parse(JSON.stringify(blob))).toEqual({
      _aws: {
        Timestamp: 1_700_000_000_000,
        CloudWatchMetrics: [
          {
            Namespace: 'Test/Emf',
            Dimensions: [['service', 'route']],
            Metrics: [...EXPECTED_INVOCATION_METRICS],
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

  it('counts only 5xx answers as errors, and a warm start as 0', () => {
    const errors = [200, 404, 499, 500, 503].map(
      (status) => invocationEmf(config, summary(status, false), 0).Errors,
    );
    expect(errors).toEqual([0, 0, 0, 1, 1]);
    expect(invocationEmf(config, summary(200, false), 0).ColdStart).toBe(0);
  });

  it('keeps the metric list frozen', () => {
    expect(Object.isFrozen(INVOCATION_METRICS)).toBe(true);
    expect(Object.isFrozen(INVOCATION_METRICS[0])).toBe(true);
  });

  it('gives the same blob in parts: members plus the pre-serialised _aws', () => {
    const s = summary(503, true);
    const { members, awsJson } = invocationEmfParts(config, s, 1_700_000_000_000);
    const joined = JSON.parse(`{${awsJson},${JSON.stringify(members).slice(1)}`);
    expect(joined).toEqual(invocationEmf(config, s, 1_700_000_000_000));
  });
});
