// npm run bench:quick [-- --write-budgets]: the deterministic checks CI runs (npm test runs
// the same through test/bench/): every bundle within bench/budgets.json, and no connection
// opened over 1,000 warm invocations of GET /users/{id}. No timing is asserted.
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { bundleAll, bundleBaselines, bundleTargets } from './build/bundle.ts';
import { checkBudgets, readBudgets, writeBudgets } from './quick/budgets.ts';
import { warmConnections } from './quick/connections.ts';
import { seedOneUser, startBenchDb } from './support/database.ts';

const { values } = parseArgs({
  options: {
    'write-budgets': { type: 'boolean', default: false },
    headroom: { type: 'string', default: '0.1' },
  },
});
const outDir = `bench/results/quick-${process.pid}`;
let failed = false;
try {
  const targets = await bundleTargets();
  const bundles = await bundleAll(targets, outDir);
  if (values['write-budgets']) {
    await writeBudgets(bundles, Number(values.headroom));
    console.log(
      `bench/budgets.json rewritten (${bundles.length} functions, headroom ${values.headroom})`,
    );
  }
  const { baseline, projectBuilt } = await bundleBaselines(outDir);
  console.log(`baseline (bare driver, built by hand): ${baseline.bytes} bytes`);
  console.log(`${projectBuilt.name}: ${projectBuilt.bytes} bytes`);
  for (const check of checkBudgets(bundles, await readBudgets())) {
    failed ||= !check.ok;
    console.log(
      `${check.ok ? 'ok  ' : 'FAIL'} ${check.entry}: ${check.bytes} bytes, budget ${check.budget ?? 'none'}`,
    );
  }
  const usersGet = bundles.find((b) => b.name === 'usersGet');
  if (!usersGet) throw new Error('serverless.yml has no usersGet function');
  const db = await startBenchDb();
  try {
    const userId = await seedOneUser(db.uri, 'bench_quick');
    const result = await warmConnections(usersGet.file, db.uri, 'bench_quick', userId);
    const ok = result.socketsAfterFirst > 0 && result.socketsDuringWarm === 0;
    failed ||= !ok;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} usersGet: ${result.socketsAfterFirst} connections at the first invocation, ${result.socketsDuringWarm} over ${result.warmInvocations} warm invocations`,
    );
  } finally {
    await db.stop();
  }
} finally {
  await rm(outDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
