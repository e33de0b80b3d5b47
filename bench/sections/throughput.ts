import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import autocannon from 'autocannon';
import type { BuiltBundle } from '../build/bundle.ts';
import { lambdaEnv } from '../support/child.ts';
import { cpuUsPerRequest, processCpuMs } from '../support/process-cpu.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { ratio, round } from '../support/stats.ts';

export interface ThroughputRow {
  readonly server: string;
  readonly requestsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
  /** CPU the server process used per request in the measured run (µs; NaN without /proc). */
  readonly serverCpuUs: number;
  /** CPU the database process used per request (µs; NaN for MONGODB_URI or without /proc). */
  readonly dbCpuUs: number;
  /** Against Fastify with the driver. */
  readonly ratio: number;
}

const OFFLINE_CONNECTIONS = 1;

export interface ThroughputOptions {
  readonly connections: number;
  readonly durationSec: number;
  readonly offline: boolean;
  /** Interleaved runs of each server; the median is reported. */
  readonly rounds: number;
}

/** The processes whose CPU is read around the measured run. */
interface Pids {
  readonly server: number | undefined;
  readonly db: number | undefined;
}

async function load(
  url: string,
  { connections, durationSec }: Pick<ThroughputOptions, 'connections' | 'durationSec'>,
  pids: Pids,
  warmupSec = 2,
) {
  // A short unmeasured run first: JIT, pool and connections warm, as in a steady state.
  await autocannon({ url, connections, duration: warmupSec });
  const before = { server: processCpuMs(pids.server), db: processCpuMs(pids.db) };
  const result = await autocannon({ url, connections, duration: durationSec });
  const requests = result.requests.total;
  return {
    requestsPerSec: round(result.requests.average, 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    serverCpuUs: cpuUsPerRequest(before.server, processCpuMs(pids.server), requests),
    dbCpuUs: cpuUsPerRequest(before.db, processCpuMs(pids.db), requests),
  };
}

type Load = Awaited<ReturnType<typeof load>>;

/** The run with the median requests/s (its own latencies kept with it). */
function medianLoad(loads: readonly Load[]): Load {
  const sorted = [...loads].sort((a, b) => a.requestsPerSec - b.requestsPerSec);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!middle) throw new Error('no throughput run');
  return middle;
}

async function withServer<T>(
  start: () => Promise<ServerProcess>,
  work: (server: ServerProcess) => Promise<T>,
) {
  const server = await start();
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}

/**
 * GET /users/{id} under autocannon: (a) Fastify + driver, (b) the deployed bundle behind a
 * node:http → API Gateway v2 adapter, and separately serverless-offline (what `npm start` gives).
 */
export async function measureThroughput(
  getBundle: BuiltBundle,
  { uri, pid: dbPid }: { readonly uri: string; readonly pid?: number | undefined },
  userId: string,
  options: ThroughputOptions,
  /** The same route built with a what-if applied (bench/build/what-if.ts), for their cost. */
  variants: readonly BuiltBundle[] = [],
): Promise<ThroughputRow[]> {
  const env = lambdaEnv(uri, 'bench');
  const path = `/users/${userId}`;
  const serve = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    withServer(
      () => startServer(args, { ...env, ...extra }, { logs: 'discard' }),
      (server) =>
        load(`http://127.0.0.1:${server.port}${path}`, options, {
          server: server.pid,
          db: dbPid,
        }),
    );
  // Both servers start with node's own flags, not the Lambda runtime's (bench/support/child.ts):
  // a process serving concurrent requests is no execution environment, and the Lambda heap
  // sizing for one of them alone would not compare like with like (under this load, 51 MB
  // semi-spaces cost Fastify ~25 µs of CPU per request and the adapter ~5, measured).
  // Interleaved rounds, so a burst of load elsewhere on the machine hits every server alike.
  const runs = { fastify: [] as Load[], adapter: [] as Load[], logging: [] as Load[] };
  const variantRuns = variants.map(() => [] as Load[]);
  for (let round = 0; round < options.rounds; round += 1) {
    runs.fastify.push(await serve(['bench/servers/fastify.ts']));
    runs.adapter.push(await serve(['bench/servers/apigw-adapter.ts', getBundle.file]));
    runs.logging.push(await serve(['bench/servers/fastify.ts'], { FASTIFY_LOGGER: 'true' }));
    for (const [i, variant] of variants.entries()) {
      variantRuns[i]?.push(await serve(['bench/servers/apigw-adapter.ts', variant.file]));
    }
  }
  const fastify = medianLoad(runs.fastify);
  const adapter = medianLoad(runs.adapter);
  const logging = medianLoad(runs.logging);
  const rows: ThroughputRow[] = [
    { server: 'fastify + driver (logger off)', ...fastify, ratio: 1 },
    {
      server: 'handler via node:http adapter',
      ...adapter,
      ratio: ratio(adapter.requestsPerSec, fastify.requestsPerSec),
    },
    {
      server: 'fastify + driver, its default request logging (pino), for context',
      ...logging,
      ratio: ratio(logging.requestsPerSec, fastify.requestsPerSec),
    },
    ...variants.map((variant, i) => {
      const load = medianLoad(variantRuns[i] ?? []);
      return {
        server: `${variant.name}, via the adapter, for context`,
        ...load,
        ratio: ratio(load.requestsPerSec, fastify.requestsPerSec),
      };
    }),
  ];
  if (options.offline) {
    const offline = await measureOffline(uri, path, options, dbPid);
    rows.push({
      server: `serverless-offline (npm start), ${OFFLINE_CONNECTIONS} connection`,
      ...offline,
      ratio: ratio(offline.requestsPerSec, fastify.requestsPerSec),
    });
  }
  return rows;
}

async function measureOffline(
  uri: string,
  path: string,
  options: ThroughputOptions,
  dbPid: number | undefined,
) {
  const run = `bench-${process.pid}`;
  const httpPort = 20_000 + (process.pid % 20_000);
  const serverless = createRequire(import.meta.url).resolve('serverless/bin/serverless.js');
  const env = { ...process.env, ...lambdaEnv(uri, 'bench'), LMK_ESBUILD_RUN: run };
  try {
    return await withServer(
      async () => {
        const server = await startServer(
          [
            serverless,
            'offline',
            'start',
            '--host',
            '127.0.0.1',
            '--httpPort',
            String(httpPort),
            '--lambdaPort',
            String(httpPort + 1),
            '--localEnvironment',
            '--param=mongodbDb=bench',
          ],
          env,
          { marker: /Server ready()/, timeoutMs: 120_000 },
        );
        return { ...server, port: httpPort };
      },
      // One caller, as a developer clicking through: offline starts a worker (a cold start) per
      // concurrent request, so 10 connections mostly measure cold starts.
      // The CPU figure is serverless-offline's own process (its Lambda workers are threads).
      (server) =>
        load(
          `http://127.0.0.1:${server.port}${path}`,
          { connections: OFFLINE_CONNECTIONS, durationSec: options.durationSec },
          { server: server.pid, db: dbPid },
          5,
        ),
    );
  } finally {
    await rm(`.esbuild/${run}`, { recursive: true, force: true });
  }
}
