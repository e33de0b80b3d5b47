import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** dbPaths open in this process (a lock file naming our own pid cannot tell two engines apart). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Two servers appending to one journal would interleave records, so a dbPath is owned by one
 * engine at a time: `localdb.lock` holds the owner's pid. A lock left by a killed process (its pid
 * no longer running) is taken over. Returns the release function.
 */
export function lockDbPath(dir: string): () => void {
  const key = resolve(dir);
  const path = join(dir, 'localdb.lock');
  if (held.has(key)) throw new Error(`localdb dbPath ${dir} is already open in this process`);
  try {
    writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new Error(`could not lock localdb dbPath ${dir}`, { cause: error });
    const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
    if (Number.isInteger(owner) && owner !== process.pid && alive(owner))
      throw new Error(`localdb dbPath ${dir} is in use by process ${owner} (${path})`);
    writeFileSync(path, `${process.pid}\n`);
  }
  held.add(key);
  return () => {
    held.delete(key);
    rmSync(path, { force: true });
  };
}
