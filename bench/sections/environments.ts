import { MongoClient } from 'mongodb';
import type { BuiltBundle } from '../build/bundle.ts';
import type { EnvironmentPlan, EnvironmentResult } from '../env/environment.ts';
import { lambdaEnv, runJsonChild } from '../support/child.ts';
import { connectionCounters } from '../support/database.ts';
import { median, ratio, round, summarize } from '../support/stats.ts';

export interface EnvironmentRow {
  readonly name: string;
  readonly p50Us: number;
  readonly p99Us: number;
  /** Median over the runs of (this bundle's p50 / the baseline's p50 in the same run). */
  readonly p50Ratio: number;
  /** That ratio in each run: runs alternate bundles, so a slow spell hits a pair alike. */
  readonly p50RatioByRun: readonly number[];
  readonly initMs: number;
  /** Client sockets opened by the first invocation (pool + monitoring). */
  readonly connectionsFirst: number;
  /** Opened during the sequential warm invocations: the goal is 0. */
  readonly connectionsWarm: number;
  readonly warmInvocations: number;
  /** Most sockets open at once under `concurrency` concurrent invocations. */
  readonly peakOpen: number;
  /** Connections the server saw created over the environment's whole life. */
  readonly serverTotalCreated: number;
  readonly rssInitMb: number;
  readonly rssEndMb: number;
  readonly rssGrowthPercent: number;
  /** RSS growth from `invocations` to `steadyInvocations`: after V8 has sized its heap. */
  readonly rssSteadyMb: number;
  readonly rssSteadyGrowthPercent: number;
  readonly steadyInvocations: number;
  readonly heapAfterGcInitMb: number;
  readonly heapAfterGcEndMb: number;
  readonly invocations: number;
}

export interface EnvironmentOptions {
  readonly warmup: number;
  readonly measured: number;
  readonly concurrency: number;
  readonly totalInvocations: number;
  readonly steadyInvocations: number;
  /**
   * Runs per bundle, alternating; latency samples pooled for p50/p99, ratios paired per run.
   * Memory (totalInvocations, steadyInvocations) is measured in the first run.
   */
  readonly runs: number;
}

/**
 * Each bundle in simulated execution environments (one process each): warm latency of
 * GET /users/{id}, connections opened, peak under concurrency, RSS after init and at the end.
 */
export async function measureEnvironments(
  baseline: BuiltBundle,
  subjects: readonly BuiltBundle[],
  uri: string,
  userId: string,
  options: EnvironmentOptions,
): Promise<EnvironmentRow[]> {
  const all = [baseline, ...subjects];
  const results = new Map<BuiltBundle, { run: EnvironmentResult; serverCreated: number }[]>(
    all.map((b) => [b, []]),
  );
  const monitor = new MongoClient(uri, { maxPoolSize: 1 });
  try {
    await connectionCounters(monitor);
    for (let run = 0; run < options.runs; run += 1) {
      for (const bundle of all) {
        const plan: EnvironmentPlan = {
          bundle: bundle.file,
          userId,
          warmup: options.warmup,
          measured: options.measured,
          concurrency: options.concurrency,
          concurrentRounds: 50,
          // Memory is read in the first run only: the later runs, ~6,500 invocations each
          // instead of 20,000, buy more latency pairs for the median in the same time.
          totalInvocations: run === 0 ? options.totalInvocations : 0,
          steadyInvocations: run === 0 ? options.steadyInvocations : 0,
        };
        const before = await connectionCounters(monitor);
        const result = await runJsonChild<EnvironmentResult>(
          'bench/env/environment.ts',
          [JSON.stringify(plan)],
          lambdaEnv(uri, 'bench'),
          300_000,
        );
        const after = await connectionCounters(monitor);
        results
          .get(bundle)
          ?.push({ run: result, serverCreated: after.totalCreated - before.totalCreated });
      }
    }
  } finally {
    await monitor.close();
  }
  const runP50 = (bundle: BuiltBundle) =>
    (results.get(bundle) ?? []).map((r) => summarize(r.run.latenciesUs).p50);
  const baseByRun = runP50(baseline);
  return all.map((bundle) => {
    const byRun = runP50(bundle).map((p50, i) => ratio(p50, baseByRun[i] ?? Number.NaN));
    return {
      ...row(bundle.name, results.get(bundle) ?? []),
      p50Ratio: median(byRun),
      p50RatioByRun: byRun,
    };
  });
}

function row(
  name: string,
  runs: readonly { run: EnvironmentResult; serverCreated: number }[],
): EnvironmentRow {
  const latency = summarize(runs.flatMap((r) => r.run.latenciesUs));
  const worst = (pick: (r: EnvironmentResult) => number) =>
    Math.max(...runs.map((r) => pick(r.run)));
  const first = runs[0]?.run;
  const rssInitMb = first?.rssInitMb ?? Number.NaN;
  const rssEndMb = first?.rssEndMb ?? Number.NaN;
  const rssSteadyMb = first?.rssSteadyMb ?? Number.NaN;
  return {
    name,
    p50Us: round(latency.p50),
    p99Us: round(latency.p99),
    p50Ratio: Number.NaN,
    p50RatioByRun: [],
    initMs: round(first?.initMs ?? Number.NaN),
    connectionsFirst: worst((r) => r.socketsAfterFirst),
    connectionsWarm: worst((r) => r.socketsDuringWarm),
    warmInvocations: first?.warmInvocations ?? 0,
    peakOpen: worst((r) => r.peakOpenUnderConcurrency),
    serverTotalCreated: Math.max(...runs.map((r) => r.serverCreated)),
    rssInitMb,
    rssEndMb,
    rssGrowthPercent: round(((rssEndMb - rssInitMb) / rssInitMb) * 100),
    rssSteadyMb,
    rssSteadyGrowthPercent: round(((rssSteadyMb - rssEndMb) / rssEndMb) * 100),
    steadyInvocations: first?.steadyInvocations ?? 0,
    heapAfterGcInitMb: first?.heapAfterGcInitMb ?? Number.NaN,
    heapAfterGcEndMb: first?.heapAfterGcEndMb ?? Number.NaN,
    invocations: first?.invocations ?? 0,
  };
}
