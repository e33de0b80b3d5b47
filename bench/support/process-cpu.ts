import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in ticks of 10 ms on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; undefined where
 * there is no /proc (not Linux) or the process is gone. On a shared machine, a process's CPU per
 * request says where the time goes better than requests per second, which every process on the
 * cores (the load generator, the database) moves.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, hence the last ')'): utime, stime
    // are the 14th and 15th of the whole line, the 12th and 13th after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/** µs of a process's CPU per request between two readings (NaN when either is missing). */
export function cpuUsPerRequest(
  beforeMs: number | undefined,
  afterMs: number | undefined,
  requests: number,
): number {
  if (beforeMs === undefined || afterMs === undefined || requests <= 0) return Number.NaN;
  return Math.round(((afterMs - beforeMs) * 1000 * 10) / requests) / 10;
}
