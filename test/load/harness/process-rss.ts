import { readFile } from 'node:fs/promises';

/** Resident memory of one process (Linux /proc VmRSS), in MiB; 0 once it has gone. */
export async function processRssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Math.round(Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024);
}
