import type { EnvironmentPlan, EnvironmentResult } from '../env/environment.ts';
import { lambdaEnv, runJsonChild } from '../support/child.ts';

/**
 * One execution environment (a process running the bundle): sockets opened by the first
 * invocation and over `warm` sequential invocations after it. Deterministic: no timing.
 */
export async function warmConnections(
  bundleFile: string,
  uri: string,
  dbName: string,
  userId: string,
  warm = 1_000,
): Promise<EnvironmentResult> {
  const plan: EnvironmentPlan = {
    bundle: bundleFile,
    userId,
    warmup: 0,
    measured: warm,
    concurrency: 0,
    concurrentRounds: 0,
    totalInvocations: 0,
    steadyInvocations: 0,
  };
  return runJsonChild<EnvironmentResult>(
    'bench/env/environment.ts',
    [JSON.stringify(plan)],
    lambdaEnv(uri, dbName),
    120_000,
  );
}
