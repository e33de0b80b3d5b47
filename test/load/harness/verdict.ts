import type { LoadSummary } from './scenario.ts';

/**
 * Bounds of a sustained run, after warm-up: memory may grow by GC slack but not with the
 * number of requests; the connection count may wobble by a few (a pool opening its last
 * connection) but not climb. V8 keeps sizing its heap for ~15 s under this load, so the short
 * runs of `npm test` allow more growth than the full 60 s run (measured: +9 MiB over 45 s).
 */
export const LIMITS = Object.freeze({ connectionGrowth: 5 });

export function rssGrowthLimitMiB(durationMs: number): number {
  return durationMs >= 30_000 ? 64 : 128;
}

/** What a load run did wrong, in words; empty when it met every criterion. */
export function violations(summary: LoadSummary): string[] {
  const found: string[] = [];
  const statuses = Object.entries(summary.statuses).map(([s, n]) => [Number(s), n] as const);
  const serverErrors = statuses.filter(([s]) => s >= 500 || s === 0);
  if (serverErrors.length > 0)
    found.push(`5xx or no answer: ${JSON.stringify(Object.fromEntries(serverErrors))}`);
  const unexpected = statuses.filter(([s]) => s !== 200 && s !== 201 && s < 500 && s !== 0);
  if (unexpected.length > 0)
    found.push(`unexpected statuses: ${JSON.stringify(Object.fromEntries(unexpected))}`);
  if (summary.missingWrites > 0) found.push(`${summary.missingWrites} acknowledged writes missing`);
  const connGrowth = summary.connections.maxAfterWarm - summary.connections.atWarm;
  if (connGrowth > LIMITS.connectionGrowth) {
    found.push(
      `connections grew by ${connGrowth} after warm-up (${summary.connections.atWarm} → ${summary.connections.maxAfterWarm})`,
    );
  }
  const rssGrowth = summary.rssMiB.maxAfterWarm - summary.rssMiB.atWarm;
  if (rssGrowth > rssGrowthLimitMiB(summary.durationMs)) {
    found.push(
      `memory grew by ${rssGrowth} MiB after warm-up (${summary.rssMiB.atWarm} → ${summary.rssMiB.maxAfterWarm} MiB)`,
    );
  }
  return found;
}
