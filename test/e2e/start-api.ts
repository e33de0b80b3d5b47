import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A port nothing listens on right now (the OS picks it; released before use). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port assigned');
  return address.port;
}

export interface StartedApi {
  readonly baseUrl: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM to the whole process group, SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | string>;
}

/**
 * The script behind `npm start` (package.json: `node scripts/start.ts`), run by this Node 24
 * directly so that its own exit code is observed (npm would die by the signal instead). It gets
 * a process group of its own: stopping it also stops serverless-offline even if the test fails.
 */
export async function startApi(
  env: NodeJS.ProcessEnv,
  readyWithinMs = 120_000,
): Promise<StartedApi> {
  const port = Number(env.PORT);
  const baseUrl = `http://127.0.0.1:${port}`;
  const { child, output } = spawnStart(env);
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);

  const stop = async (graceMs = 15_000): Promise<number | string> => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };
  const api = { baseUrl, output, stop };

  const deadline = Date.now() + readyWithinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `scripts/start.ts exited (${child.exitCode}) before it was ready:\n${output().slice(-4000)}`,
      );
    }
    if (await answers(`${baseUrl}/health`)) return api;
    await sleep(250);
  }
  await stop();
  throw new Error(
    `scripts/start.ts not ready within ${readyWithinMs} ms:\n${output().slice(-4000)}`,
  );
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** scripts/start.ts in a process group of its own, its stdout and stderr collected. */
function spawnStart(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['scripts/start.ts'], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return { child, output: () => output };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Runs the start script expecting it to end by itself; kills its group after `withinMs`. */
export async function runStartToExit(
  env: NodeJS.ProcessEnv,
  withinMs = 60_000,
): Promise<{ code: number | string; output: string }> {
  const { child, output } = spawnStart(env);
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), withinMs);
  const [code, signal] = await once(child, 'exit');
  clearTimeout(timer);
  return { code: (code ?? signal) as number | string, output: output() };
}
