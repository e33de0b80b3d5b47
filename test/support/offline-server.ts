import { rm } from 'node:fs/promises';
import { startOffline } from '#scripts/offline/serverless-offline.ts';
import { freePort } from '#test/e2e/start-api.ts';

export interface OfflineServer {
  readonly baseUrl: string;
  readonly pid: number;
  /** What serverless printed (kept, not echoed: it logs every request). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * `serverless offline start` as scripts/start.ts runs it (the same runner: esbuild bundles,
 * --localEnvironment, --noAuth, a work folder of its own, no watch), plus `--useInProcess`:
 * serverless-offline's default starts a worker thread, i.e. a cold start, per concurrent
 * request, and 50 of them at once exceed the 10 s Lambda timeout on a small machine before a
 * single one is warm. In-process, each function is one warm container serving them all.
 */
export async function startOfflineServer(
  env: Record<string, string>,
  { readyWithinMs = 180_000, args = [] }: { readyWithinMs?: number; args?: readonly string[] } = {},
): Promise<OfflineServer> {
  const httpPort = await freePort();
  const run = `offline-test-${process.pid}-${Date.now()}`;
  const offline = startOffline({
    httpPort,
    lambdaPort: await freePort(),
    stage: 'dev',
    dbName: env.MONGODB_DB ?? 'load',
    env: {
      ...process.env,
      ...env,
      LMK_ESBUILD_RUN: run,
      LMK_ESBUILD_WATCH: `.esbuild/${run}/unwatched/*.ts`,
    },
    // `args`: more CLI arguments, e.g. `--config` for another file than serverless.yml.
    extraArgs: ['--useInProcess', ...args],
    echo: false,
  });
  const stop = async () => {
    await offline.stop();
    await rm(`.esbuild/${run}`, { recursive: true, force: true });
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      offline.ready,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`not ready:\n${offline.output().slice(-4000)}`)),
          readyWithinMs,
        );
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return {
    baseUrl: `http://127.0.0.1:${httpPort}`,
    pid: offline.child.pid as number,
    output: offline.output,
    stop,
  };
}
