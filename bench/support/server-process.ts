import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

export interface ServerProcess {
  readonly port: number;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts a Node 24 script that prints `listening <port>` (or `marker`) and waits for it.
 * `logs: 'discard'` sends its stdout (one log line per request from our handler) to /dev/null,
 * as the Lambda platform takes those lines outside the function; the marker then has to come
 * on stderr.
 */
export async function startServer(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  {
    marker = /listening (\d+)/,
    timeoutMs = 30_000,
    logs = 'keep',
  }: { marker?: RegExp; timeoutMs?: number; logs?: 'keep' | 'discard' } = {},
): Promise<ServerProcess> {
  const stdout = logs === 'discard' ? 'ignore' : 'pipe';
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', stdout, 'pipe'] });
  let tail = '';
  let watch: ((chunk: Buffer) => void) | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} not ready: ${tail}`)), timeoutMs);
    watch = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
      const found = marker.exec(tail);
      if (found) {
        clearTimeout(timer);
        resolve(Number(found[1] ?? 0));
      }
    };
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited (${code}) before it was ready: ${tail}`));
    });
  }).catch(async (error: unknown) => {
    await stopChild(child);
    throw error;
  });
  // Keep draining output so a chatty server never blocks on a full pipe, but stop scanning it:
  // the marker search over every log line cost this process CPU on the cores the measured
  // server shares (one line per request for the handler, none for Fastify).
  if (watch) {
    child.stdout?.off('data', watch);
    child.stderr?.off('data', watch);
  }
  child.stdout?.resume();
  child.stderr?.resume();
  return { port, pid: child.pid, stop: () => stopChild(child) };
}

export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
