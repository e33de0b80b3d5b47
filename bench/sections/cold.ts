import type { BuiltBundle } from '../build/bundle.ts';
import { lambdaEnv, runJsonChild } from '../support/child.ts';
import { median, ratio, round } from '../support/stats.ts';

export interface ColdRow {
  readonly name: string;
  readonly reachableMs: number;
  readonly unreachableMs: number;
  readonly processMs: number;
  readonly ratio: number;
  readonly tcpHandlesAfterImport: number;
}

interface ColdSample {
  readonly importMs: number;
  readonly processUptimeMs: number;
  readonly tcpHandles: number;
}

// Nothing listens here: a client that connected at import would fail or wait on it.
const UNREACHABLE_URI = 'mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=3000';

/**
 * Median import time of each bundle in fresh processes, with the database reachable and not.
 * Runs are interleaved across bundles so machine noise spreads over all of them alike.
 */
export async function measureCold(
  bundles: readonly BuiltBundle[],
  baseline: BuiltBundle,
  uri: string,
  runs: number,
): Promise<ColdRow[]> {
  const all = [baseline, ...bundles];
  const samples = new Map(
    all.map((b) => [b.file, { up: [] as ColdSample[], down: [] as ColdSample[] }]),
  );
  for (let run = 0; run < runs; run += 1) {
    for (const bundle of all) {
      const entry = samples.get(bundle.file);
      if (!entry) continue;
      entry.up.push(await importOnce(bundle.file, lambdaEnv(uri, 'bench')));
      entry.down.push(await importOnce(bundle.file, lambdaEnv(UNREACHABLE_URI, 'bench')));
    }
  }
  const baseMs = median(samples.get(baseline.file)?.up.map((s) => s.importMs) ?? []);
  return all.map((bundle) => {
    const { up, down } = samples.get(bundle.file) ?? { up: [], down: [] };
    const reachableMs = median(up.map((s) => s.importMs));
    return {
      name: bundle.name,
      reachableMs: round(reachableMs),
      unreachableMs: round(median(down.map((s) => s.importMs))),
      processMs: round(median(up.map((s) => s.processUptimeMs))),
      ratio: ratio(reachableMs, baseMs),
      tcpHandlesAfterImport: Math.max(0, ...[...up, ...down].map((s) => s.tcpHandles)),
    };
  });
}

function importOnce(file: string, env: NodeJS.ProcessEnv): Promise<ColdSample> {
  return runJsonChild<ColdSample>('bench/env/cold-import.ts', [file], env, 60_000);
}
