import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { freePort } from '#test/e2e/start-api.ts';

export interface OfflineServer {
  readonly baseUrl: string;
  readonly pid: number;
  /** What serverless printed (kept, not echoed: it logs every request). */
  output(): string;
  stop(): Promise<void>;
}

const serverlessBin = createRequire(import.meta.url).resolve('serverless/bin/serverless.js');

/**
 * `serverless offline start` as scripts/start.ts runs it (esbuild bundles, --localEnvironment,
 * a work folder of its own, no watch), plus `--useInProcess`: serverless-offline's default
 * starts a worker thread, i.e. a cold start, per concurrent request, and 50 of them at once
 * exceed the 10 s Lambda timeout on a small machine before a single one is warm. In-process,
 * each function is one warm container serving the concurrent requests.
 */
export async function startOfflineServer(
  env: Record<string, string>,
  readyWithinMs = 180_000,
): Promise<OfflineServer> {
  const httpPort = await freePort();
  const run = `load-${process.pid}-${Date.now()}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      serverlessBin,
      'offline',
      'start',
      '--stage',
      'dev',
      '--host',
      '127.0.0.1',
      '--httpPort',
      String(httpPort),
      '--lambdaPort',
      String(await freePort()),
      '--localEnvironment',
      // As scripts/start.ts: offline only decodes JWTs; the handlers verify tokens (lib/auth).
      '--noAuth',
      '--useInProcess',
      `--param=mongodbDb=${env.MONGODB_DB ?? 'load'}`,
    ],
    {
      env: {
        ...process.env,
        ...env,
        LMK_ESBUILD_RUN: run,
        LMK_ESBUILD_WATCH: `.esbuild/${run}/unwatched/*.ts`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not ready:\n${output.slice(-4000)}`)),
      readyWithinMs,
    );
    const collect = (chunk: Buffer) => {
      // Only the start-up output is kept whole; afterwards a bounded tail.
      output = (output + chunk.toString()).slice(-200_000);
      if (output.includes('Server ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    void exited.then(([code]) => {
      clearTimeout(timer);
      reject(
        new Error(
          `serverless offline exited (${code}) before it was ready:\n${output.slice(-4000)}`,
        ),
      );
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${httpPort}`,
    pid: child.pid as number,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.kill('SIGTERM');
        await exited;
        clearTimeout(timer);
      }
      await rm(`.esbuild/${run}`, { recursive: true, force: true });
    },
  };
}
