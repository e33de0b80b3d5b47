// `npm run load`: 50 concurrent clients for 60 s against the users API, in-process and through
// serverless-offline, each against a fresh localdb process. Prints the figures and exits 1 when
// a run had a 5xx, lost an acknowledged write, or grew its connections or memory after warm-up.
// Flags: --duration <seconds> (60), --concurrency <n> (50), --target in-process|offline|both.
import { parseArgs } from 'node:util';
import { type LoadSummary, loadScenario, type TargetKind } from '#test/load/harness/scenario.ts';
import { LIMITS, rssBound, violations } from '#test/load/harness/verdict.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '50' },
    target: { type: 'string', default: 'both' },
  },
});
const durationS = Number(values.duration);
const concurrency = Number(values.concurrency);
if (
  !(durationS > 0 && durationS <= 3_600) ||
  !(Number.isInteger(concurrency) && concurrency > 0 && concurrency <= 500)
) {
  console.error('load: --duration must be 1-3600 seconds and --concurrency 1-500');
  process.exit(2);
}
const targets: TargetKind[] =
  values.target === 'both' ? ['in-process', 'offline'] : [values.target as TargetKind];
if (!targets.every((t) => t === 'in-process' || t === 'offline')) {
  console.error("load: --target must be 'in-process', 'offline' or 'both'");
  process.exit(2);
}

function print(summary: LoadSummary, problems: readonly string[]): void {
  const { connections: c, rssMiB: m, latencyMs: l } = summary;
  console.log(`\n== ${summary.target}: ${summary.concurrency} clients, ${summary.durationMs} ms`);
  console.log(
    `requests ${summary.requests} (${Math.round(summary.requests / (summary.durationMs / 1000))}/s), statuses ${JSON.stringify(summary.statuses)}`,
  );
  console.log(`latency ms p50 ${l.p50} p99 ${l.p99} max ${l.max}`);
  console.log(
    `acknowledged writes ${summary.acknowledged.length}, missing afterwards ${summary.missingWrites}`,
  );
  console.log(
    `connections after warm-up ${c.atWarm} → max ${c.maxAfterWarm}, last ${c.last} (limit +${LIMITS.connectionGrowth})`,
  );
  const rss = rssBound(summary);
  console.log(
    `RSS MiB ${rss.baseLabel} ${rss.base}, after warm-up ${m.atWarm} → max ${m.maxAfterWarm}, last ${m.last} (limit +${rss.limitMiB} from ${rss.baseLabel})`,
  );
  console.log(
    `samples (s: connections/RSS MiB): ${summary.samples
      .filter((_, i) => i % 10 === 0)
      .map((s) => `${Math.round(s.atMs / 1000)}: ${s.connections}/${s.rssMiB}`)
      .join(', ')}`,
  );
  console.log(problems.length === 0 ? 'PASS' : `FAIL: ${problems.join('; ')}`);
}

let failed = false;
for (const target of targets) {
  console.log(`\nRunning ${target} load (${concurrency} clients, ${durationS} s)...`);
  const summary = await loadScenario({ target, concurrency, durationMs: durationS * 1_000 });
  const problems = violations(summary);
  print(summary, problems);
  failed ||= problems.length > 0;
}
process.exitCode = failed ? 1 : 0;
