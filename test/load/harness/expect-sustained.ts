import { expect } from 'vitest';
import type { LoadSummary } from './scenario.ts';
import { violations } from './verdict.ts';
import { isPutStep } from './workload.ts';

/** The load criteria as test assertions, with the run's figures in the failure message. */
export function expectSustained(summary: LoadSummary): void {
  const { acknowledged: _a, samples, ...figures } = summary;
  expect(violations(summary), JSON.stringify({ ...figures, samples: samples.length })).toEqual([]);
  expect(summary.requests).toBeGreaterThan(summary.concurrency);
  // Both ways of creating were acknowledged (and so looked up in the database above).
  const steps = summary.acknowledged.map((name) => Number(name.split('-s').at(-1)));
  expect(steps.some(isPutStep)).toBe(true);
  expect(steps.some((step) => !isPutStep(step))).toBe(true);
}
