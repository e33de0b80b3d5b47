import { MongoClient } from 'mongodb';
import { setupDatabase } from '#lib/setup/index.ts';
import { inProcessTarget } from './in-process-target.ts';
import { startLocalDbProcess } from './localdb-process.ts';
import { offlineTarget } from './offline-target.ts';
import { processRssMiB } from './process-rss.ts';
import { type LoadResult, runLoad } from './run-load.ts';
import { usersWorkload } from './workload.ts';

/** Per-invocation logs and EMF metrics off: at this rate they would only flood the output. */
export const QUIET_ENV = Object.freeze({
  LOG_LEVEL: 'SILENT',
  METRICS_ENABLED: 'false',
});

export type TargetKind = 'in-process' | 'offline';

export interface LoadSummary extends LoadResult {
  readonly target: TargetKind;
  readonly concurrency: number;
  /** Acknowledged creates not found in the database afterwards. */
  readonly missingWrites: number;
  readonly connections: {
    readonly atWarm: number;
    readonly maxAfterWarm: number;
    readonly last: number;
  };
  readonly rssMiB: {
    readonly atWarm: number;
    readonly maxAfterWarm: number;
    readonly last: number;
  };
}

/**
 * Samples before this point are warm-up (cold starts of ~3 s under this load, pools filling,
 * JIT, and V8 sizing its heap, which took up to ~20 s at 700 requests/s); the rest must stay flat.
 */
export const warmupMs = (durationMs: number) => Math.min(30_000, Math.max(4_000, durationMs * 0.4));

function summarize(
  samples: LoadResult['samples'],
  warmMs: number,
  pick: (s: LoadResult['samples'][number]) => number,
) {
  const after = samples.filter((s) => s.atMs >= warmMs);
  const first = after[0] ?? samples.at(-1);
  return {
    atWarm: first ? pick(first) : 0,
    maxAfterWarm: Math.max(...after.map(pick)),
    last: pick(samples.at(-1) ?? { atMs: 0, connections: 0, rssMiB: 0 }),
  };
}

/**
 * One load run against a fresh localdb process: `concurrency` clients for `durationMs` through
 * the chosen target, then every acknowledged write looked up in the database.
 */
export async function loadScenario(options: {
  readonly target: TargetKind;
  readonly concurrency: number;
  readonly durationMs: number;
}): Promise<LoadSummary> {
  const db = await startLocalDbProcess();
  const dbName = `load_${options.target.replace('-', '_')}_${Date.now()}`;
  const observer = new MongoClient(db.uri, { appName: 'load-observer', maxPoolSize: 1 });
  let close: () => Promise<void> = async () => {};
  try {
    await observer.connect();
    await setupDatabase(observer.db(dbName));
    const env = {
      MONGODB_URI: db.uri,
      MONGODB_DB: dbName,
      AWS_LAMBDA_FUNCTION_NAME: 'load-users',
      ...QUIET_ENV,
    };
    const target =
      options.target === 'in-process' ? await inProcessTarget(env) : await offlineTarget(env);
    close = target.close;
    const rootPid: number = 'pid' in target ? (target.pid as number) : process.pid;
    const result = await runLoad({
      concurrency: options.concurrency,
      durationMs: options.durationMs,
      send: usersWorkload(dbName, target.transport),
      sample: async () => {
        const status = await observer.db('admin').command({ serverStatus: 1 });
        const rssMiB =
          options.target === 'in-process'
            ? Math.round(process.memoryUsage().rss / 2 ** 20)
            : // serverless-offline's own process, where --useInProcess runs the handlers; not
              // its esbuild service, which holds the bundler's incremental state (~2 GiB).
              await processRssMiB(rootPid);
        return { connections: Number(status.connections.current), rssMiB };
      },
    });
    const stored = new Set(
      (
        await observer
          .db(dbName)
          .collection('users')
          .find({}, { projection: { name: 1 } })
          .toArray()
      ).map((d) => d.name as string),
    );
    const warm = warmupMs(options.durationMs);
    return {
      ...result,
      target: options.target,
      concurrency: options.concurrency,
      missingWrites: result.acknowledged.filter((name) => !stored.has(name)).length,
      connections: summarize(result.samples, warm, (s) => s.connections),
      rssMiB: summarize(result.samples, warm, (s) => s.rssMiB),
    };
  } finally {
    await close().catch(() => {});
    await observer.close().catch(() => {});
    await db.stop();
  }
}
