import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

export interface LocalDbProcess {
  readonly uri: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * localdb through its CLI (`npm run db`), in memory on a free port, in a process of its own so
 * that the data it accumulates is not counted in the memory of the handlers under load.
 */
export async function startLocalDbProcess(readyWithinMs = 30_000): Promise<LocalDbProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['localdb/cli.ts', '--port', '0', '--host', '127.0.0.1', '--in-memory'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`localdb not ready:\n${output}`)),
      readyWithinMs,
    );
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /mongodb:\/\/\S+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`localdb exited (${code}) before it was ready:\n${output}`));
    });
  });
  const exited = once(child, 'exit');
  return {
    uri,
    pid: child.pid as number,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}
