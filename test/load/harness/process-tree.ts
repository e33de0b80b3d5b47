import { readdir, readFile } from 'node:fs/promises';

/** Parent pid of every process (Linux /proc); processes that vanish meanwhile are skipped. */
async function parents(): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (Number.isInteger(ppid)) map.set(Number(entry), ppid);
  }
  return map;
}

async function rssKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
}

/** Resident memory of `root` and all its descendants, in MiB (serverless-offline and its workers). */
export async function treeRssMiB(root: number): Promise<number> {
  const ppid = await parents();
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of ppid) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let total = 0;
  for (const pid of tree) total += await rssKiB(pid);
  return Math.round(total / 1024);
}

/** Pids of this process's children whose command line mentions `needle`. */
export async function childPids(needle: string): Promise<number[]> {
  const found: number[] = [];
  for (const [pid, parent] of await parents()) {
    if (parent !== process.pid) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(needle)) found.push(pid);
  }
  return found;
}
