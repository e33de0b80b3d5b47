import type { LoadSummary } from './scenario.ts';

/**
 * Bounds of a sustained run, after warm-up: memory may grow by GC slack but not with the
 * number of requests; the connection count may wobble by a few (a pool opening its last
 * connection) but not climb.
 */
export const LIMITS = Object.freeze({ connectionGrowth: 5 });

export interface RssBound {
  /** The RSS the growth is measured from, and what that reading is. */
  readonly base: number;
  readonly baseLabel: string;
  readonly limitMiB: number;
}

/**
 * The memory bound of a run. A full run (30 s or more, `npm run load`) must stay flat after
 * its warm-up: +64 MiB at most (measured: +9 MiB over 45 s). A short run (`npm test`'s 8 s)
 * ends while V8 is still sizing its heap: RSS climbs from ~160 to ~300 MiB over ~3.5 s, done
 * before the 4 s warm-up point in some runs and starting only at ~4.5 s in others (measured), so
 * its growth after warm-up is ~35 or ~140 MiB by chance. It is held instead to a ceiling over its
 * RSS before the load (measured: 100 → ~300 MiB), which a leak of 10 KiB per request breaks.
 */
export function rssBound(summary: LoadSummary): RssBound {
  if (summary.durationMs >= 30_000)
    return { base: summary.rssMiB.atWarm, baseLabel: 'after warm-up', limitMiB: 64 };
  return { base: summary.samples[0]?.rssMiB ?? 0, baseLabel: 'before the load', limitMiB: 320 };
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
  const rss = rssBound(summary);
  const rssGrowth = summary.rssMiB.maxAfterWarm - rss.base;
  if (rssGrowth > rss.limitMiB) {
    found.push(
      `memory grew by ${rssGrowth} MiB from ${rss.baseLabel} (${rss.base} → ${summary.rssMiB.maxAfterWarm} MiB, limit +${rss.limitMiB})`,
    );
  }
  return found;
}
