import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ChildServer {
  readonly child: ChildProcess;
  readonly uri: string;
  /** What the server wrote to stderr so far (warnings such as a dropped torn record). */
  stderr(): string;
}

/**
 * Runs `localdb/cli.ts` in a process of its own on a free port, as `npm run db` does. Spawned
 * with this very node binary rather than through npx, so a signal reaches the server itself and
 * not a wrapper. Resolves once the CLI prints its uri.
 */
export async function spawnServer(
  dbPath: string,
  env: NodeJS.ProcessEnv = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, ['localdb/cli.ts', '--port', '0', '--db-path', dbPath], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout! });
  const uri = new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith('mongodb://')) resolve(line.trim());
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`localdb exited (${code ?? signal}) before it was ready: ${stderr}`)),
    );
  });
  const timeout = setTimeout(() => child.kill('SIGKILL'), 20_000);
  try {
    return { child, uri: await uri, stderr: () => stderr };
  } finally {
    clearTimeout(timeout);
  }
}

/** SIGKILL: no handler runs, no buffer is flushed, exactly like a crash. */
export async function killServer(server: ChildServer): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = once(server.child, 'exit');
  server.child.kill('SIGKILL');
  await exited;
}

/** SIGTERM: the CLI's clean stop (journal flushed and synced, lock released). */
export async function stopServer(server: ChildServer): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = once(server.child, 'exit');
  server.child.kill('SIGTERM');
  await exited;
}
