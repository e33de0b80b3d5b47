/** One request of a load client: its HTTP status, and the name it wrote when it was a create. */
export interface Sent {
  readonly status: number;
  readonly wrote?: string;
}

/** What a load target answers to: one client's next request (`step` counts its requests). */
export type Send = (client: number, step: number) => Promise<Sent>;

export interface Sample {
  readonly atMs: number;
  /** localdb serverStatus connections.current. */
  readonly connections: number;
  /** Resident memory of the process(es) running the handlers, in MiB. */
  readonly rssMiB: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly durationMs: number;
  readonly statuses: Readonly<Record<number, number>>;
  /** Names of the users whose create was acknowledged (201). */
  readonly acknowledged: readonly string[];
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly samples: readonly Sample[];
}

export interface LoadOptions {
  readonly concurrency: number;
  readonly durationMs: number;
  readonly send: Send;
  readonly sample: () => Promise<Omit<Sample, 'atMs'>>;
  readonly sampleEveryMs?: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * `concurrency` clients send requests back to back for `durationMs` (each stops at the first
 * request that would start after the end), while connections and memory are sampled.
 * A request that throws (no HTTP answer at all) counts as status 0.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const start = performance.now();
  const end = start + options.durationMs;
  const statuses: Record<number, number> = {};
  const acknowledged: string[] = [];
  const latencies: number[] = [];
  const samples: Sample[] = [];
  const takeSample = async () => {
    samples.push({ atMs: Math.round(performance.now() - start), ...(await options.sample()) });
  };
  await takeSample();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await new Promise((resolve) => setTimeout(resolve, options.sampleEveryMs ?? 500));
      if (sampling) await takeSample();
    }
  })();
  const client = async (id: number) => {
    for (let step = 0; performance.now() < end; step += 1) {
      const sent = performance.now();
      const answer = await options.send(id, step).catch(() => ({ status: 0 }) as Sent);
      latencies.push(performance.now() - sent);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      if (answer.status === 201 && answer.wrote !== undefined) acknowledged.push(answer.wrote);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => client(i)));
  const durationMs = Math.round(performance.now() - start);
  sampling = false;
  await sampler;
  await takeSample();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    durationMs,
    statuses,
    acknowledged,
    latencyMs: {
      p50: Math.round(percentile(latencies, 50)),
      p99: Math.round(percentile(latencies, 99)),
      max: Math.round(latencies.at(-1) ?? 0),
    },
    samples,
  };
}
