// npm run bench [-- --only=bundle,cold,env,throughput,growth,profile] [--runs=20]
//   [--sizes=1000,10000,100000] [--duration=10] [--rounds=3] [--no-offline] [--cold-all]
// Prints Markdown tables and writes bench/results/bench.json and bench/results/bench.md.
// Against localdb (own process, in memory) unless MONGODB_URI is set.
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type BuiltBundle, bundleAll, bundleTargets } from './build/bundle.ts';
import { WARM_WHAT_IFS } from './build/what-if.ts';
import { machine } from './report/machine.ts';
import { renderReport } from './report/render.ts';
import { measureBundles, measureWhatIfs } from './sections/bundle.ts';
import { measureCold } from './sections/cold.ts';
import { measureEnvironments } from './sections/environments.ts';
import { measureGrowth } from './sections/growth.ts';
import { profileCold, profileWarm } from './sections/profile.ts';
import { measureThroughput } from './sections/throughput.ts';
import { seedOneUser, startBenchDb } from './support/database.ts';

const COLD_SAMPLE = ['usersGet', 'usersList', 'healthCheck'];
const SECTIONS = ['bundle', 'cold', 'env', 'throughput', 'growth', 'profile'] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string', default: '20' },
    sizes: { type: 'string', default: '1000,10000,100000' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    'no-offline': { type: 'boolean', default: false },
    // Cold starts of every deployed function take ~40 process starts each: a sample by default.
    'cold-all': { type: 'boolean', default: false },
  },
});
const only = new Set((values.only ?? SECTIONS.join(',')).split(',').map((s) => s.trim()));
for (const name of only) {
  if (!SECTIONS.includes(name as Section))
    throw new Error(`--only: unknown section '${name}' (${SECTIONS.join(', ')})`);
}
const wants = (s: Section) => only.has(s);
const step = (label: string) =>
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${label}`);

const targets = await bundleTargets();
step('bundling');
const bundles = await measureBundles(targets);
const byName = (name: string) => {
  const found = bundles.bundles.find((b) => b.name === name);
  if (!found) throw new Error(`serverless.yml has no function ${name}`);
  return found;
};
const usersGet = byName('usersGet');
const results: Record<string, unknown> = { machine: machine() };

/** usersGet with each proposed warm-path fix alone (see bench/README.md Findings). */
async function warmWhatIfBundles(subject: BuiltBundle): Promise<BuiltBundle[]> {
  const built: BuiltBundle[] = [];
  for (const [i, whatIf] of WARM_WHAT_IFS.entries()) {
    try {
      const [bundle] = await bundleAll([subject], `bench/results/what-if-warm/${i}`, {
        plugins: whatIf.plugins(process.cwd()),
        overrides: whatIf.keepNames === undefined ? {} : { keepNames: whatIf.keepNames },
      });
      if (bundle)
        built.push({ ...bundle, name: `${whatIf.name} (${Math.round(bundle.bytes / 1024)} KiB)` });
    } catch (error) {
      // lib/ moved on and the text the variant rewrites is gone: report, do not stop the run.
      console.error(`what-if '${whatIf.name}' skipped: ${(error as Error).message}`);
    }
  }
  return built;
}

if (wants('bundle')) {
  step('what-if bundles');
  const whatIfs = await measureWhatIfs(usersGet, bundles.baseline);
  results.bundle = { rows: bundles.rows, composition: bundles.composition, whatIfs };
}

const db = await startBenchDb();
results.database = db.description;
try {
  const userId = await seedOneUser(db.uri, 'bench');
  const runs = Number(values.runs);
  if (wants('cold')) {
    step(`cold init (${runs} runs each)`);
    const deployed = bundles.bundles.filter((b) => b.deployed);
    const largest = [...deployed].sort((a, b) => b.bytes - a.bytes)[0];
    const sample = values['cold-all']
      ? deployed
      : deployed.filter((b) => COLD_SAMPLE.includes(b.name) || b === largest);
    const whatIf = (
      results.bundle as { whatIfs?: { file: string; step: string }[] } | undefined
    )?.whatIfs?.at(-1);
    const extra = whatIf
      ? [{ ...usersGet, name: `usersGet ${whatIf.step} (all fixes)`, file: whatIf.file }]
      : [];
    const reference = [bundles.projectBuilt];
    results.cold = await measureCold(
      [...reference, ...sample, ...extra],
      bundles.baseline,
      db.uri,
      runs,
    );
  }
  if (wants('env')) {
    step('warm invocations, connections, memory');
    const variants = await warmWhatIfBundles(usersGet);
    results.env = await measureEnvironments(
      bundles.baseline,
      [usersGet, ...variants],
      db.uri,
      userId,
      {
        warmup: 1_000,
        measured: 5_000,
        concurrency: 10,
        totalInvocations: 10_000,
        steadyInvocations: 20_000,
        // A process now and then runs its whole life ~100 µs slower per invocation, baseline
        // or ours alike (the VM, bench/README.md round 6): 11 paired runs keep the median steady.
        runs: 11,
      },
    );
  }
  if (wants('profile')) {
    step('CPU profiles of warm invocations');
    results.profile = [
      await profileWarm(bundles.baseline, db.uri, userId, 10_000),
      await profileWarm(usersGet, db.uri, userId, 10_000),
    ];
    results.coldProfile = [
      await profileCold(bundles.baseline, db.uri),
      await profileCold(usersGet, db.uri),
    ];
  }
  if (wants('throughput')) {
    step('throughput (autocannon)');
    // The what-ifs (middleware removed; and command monitoring too): their cost under load.
    const variants = await warmWhatIfBundles(usersGet);
    results.throughput = await measureThroughput(
      usersGet,
      db,
      userId,
      {
        connections: 10,
        durationSec: Number(values.duration),
        offline: !values['no-offline'],
        rounds: Number(values.rounds),
      },
      variants,
    );
  }
  if (wants('growth')) {
    step('growth (list routes)');
    const sizes = (values.sizes ?? '').split(',').map(Number);
    results.growth = await measureGrowth(
      { users: byName('usersList'), authors: byName('authorsList') },
      db.uri,
      sizes,
      10,
    );
  }
} finally {
  await db.stop();
}

(results.machine as Record<string, unknown>).loadAverageAtEnd = loadavg()
  .map((l) => Math.round(l * 10) / 10)
  .join(' ');
const markdown = renderReport(results);
console.log(markdown);
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/bench.json', `${JSON.stringify(results, null, 2)}\n`);
await writeFile('bench/results/bench.md', `${markdown}\n`);
step('written bench/results/bench.json and bench/results/bench.md');
