import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder for one test's dbPath; `remove` deletes it with everything in it. */
export async function tempDbPath(
  prefix: string,
): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `localdb-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
