import { expect } from 'vitest';
import type { LoadSummary } from './scenario.ts';
import { violations } from './verdict.ts';

/** The load criteria as test assertions, with the run's figures in the failure message. */
export function expectSustained(summary: LoadSummary): void {
  const { acknowledged: _a, samples, ...figures } = summary;
  expect(violations(summary), JSON.stringify({ ...figures, samples: samples.length })).toEqual([]);
  expect(summary.requests).toBeGreaterThan(summary.concurrency);
}
