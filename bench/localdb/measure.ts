import { performance } from 'node:perf_hooks';

export interface Measurement {
  readonly operation: string;
  readonly documents: number;
  readonly ops: number;
  readonly opsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/** Runs `op` `count` times one after the other and reports throughput and latency percentiles. */
export async function measure(
  operation: string,
  documents: number,
  count: number,
  op: (i: number) => Promise<unknown>,
): Promise<Measurement> {
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await op(i);
    latencies.push(performance.now() - t0);
  }
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    operation,
    documents,
    ops: count,
    opsPerSec: round((count / elapsed) * 1000, 0),
    p50Ms: round(percentile(latencies, 50), 3),
    p99Ms: round(percentile(latencies, 99), 3),
  };
}
