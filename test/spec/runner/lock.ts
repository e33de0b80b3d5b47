import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const POLL_MS = 25;

function holderAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function removeIfStale(dir: string): Promise<void> {
  const pid = Number(await readFile(join(dir, 'pid'), 'utf8').catch(() => ''));
  if (pid > 0 && !holderAlive(pid)) await rm(dir, { recursive: true, force: true });
}

/**
 * Runs `action` while holding a cross-process lock named after the database URI. Spec tests of
 * different folders (separate vitest workers) share database names and server-wide fail points,
 * so they must not interleave on the same server, as with the drivers' own sequential runners.
 */
export async function withServerLock<T>(uri: string, action: () => Promise<T>): Promise<T> {
  const dir = join(
    tmpdir(),
    `spec-runner-${createHash('sha1').update(uri).digest('hex').slice(0, 12)}.lock`,
  );
  for (;;) {
    try {
      await mkdir(dir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await removeIfStale(dir);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
  try {
    await writeFile(join(dir, 'pid'), String(process.pid));
    return await action();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
