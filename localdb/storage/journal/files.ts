import { closeSync, fsyncSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The dbPath layout. Generation N: `snapshot-N.bin` is the whole state at the moment
 * `journal-N.bin` was started, and journal-N holds every change after it. Start-up replays the
 * newest complete snapshot, then every journal from its generation on.
 */
const NAME = /^(journal|snapshot)-(\d{8})\.bin$/;

export function journalPath(dir: string, gen: number): string {
  return join(dir, `journal-${String(gen).padStart(8, '0')}.bin`);
}

export function snapshotPath(dir: string, gen: number): string {
  return join(dir, `snapshot-${String(gen).padStart(8, '0')}.bin`);
}

export interface DbPathFiles {
  /** Generations, ascending. */
  readonly journals: number[];
  readonly snapshots: number[];
  /** Left over from a compaction that did not finish (safe to delete). */
  readonly temporaries: string[];
}

export function listDbPath(dir: string): DbPathFiles {
  const journals: number[] = [];
  const snapshots: number[] = [];
  const temporaries: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.tmp')) temporaries.push(join(dir, name));
    const match = NAME.exec(name);
    if (!match) continue;
    (match[1] === 'journal' ? journals : snapshots).push(Number(match[2]));
  }
  const ascending = (a: number, b: number) => a - b;
  return { journals: journals.sort(ascending), snapshots: snapshots.sort(ascending), temporaries };
}

/** Makes a created, renamed or deleted directory entry durable (POSIX needs the folder fsynced). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (error) {
    // Some platforms (Windows) cannot open or fsync a folder; the data files are fsynced anyway.
    if ((error as NodeJS.ErrnoException).code !== 'EISDIR' && process.platform !== 'win32')
      throw new Error(`could not fsync folder ${dir}`, { cause: error });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
