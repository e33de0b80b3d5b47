// `npm run fuzz [-- --runs 20000 --seed 12345 --route createBook]`: the long property-based run
// of test/fuzz (every route through its real chain, in-process, against localdb or MONGODB_URI).
// Prints the seed first; a failure prints fast-check's counterexample with its seed and path.
// Replay one with `npm run fuzz -- --seed <seed>` (add `--runs` as printed).
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20000' },
    seed: { type: 'string' },
    route: { type: 'string' },
  },
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? randomInt(2 ** 31 - 1) : Number(values.seed);
if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(seed)) {
  console.error('fuzz: --runs must be a positive integer and --seed an integer');
  process.exit(2);
}
console.log(`fuzz: ${runs} runs per route, seed ${seed}`);
const started = Date.now();
const vitest = join(import.meta.dirname, '..', 'node_modules', '.bin', 'vitest');
const args = ['run', 'test/fuzz', ...(values.route ? ['-t', `fuzz ${values.route}`] : [])];
const reportDir = mkdtempSync(join(tmpdir(), 'fuzz-report-'));
const child = spawn(vitest, args, {
  stdio: 'inherit',
  env: {
    ...process.env,
    FUZZ_RUNS: String(runs),
    FUZZ_SEED: String(seed),
    FUZZ_REPORT_DIR: reportDir,
  },
});
child.on('exit', (code) => {
  // Status histogram per route: how often each answer came (every one below 500 on a pass).
  for (const file of readdirSync(reportDir).sort()) {
    const counts = JSON.parse(readFileSync(join(reportDir, file), 'utf8')) as Record<
      string,
      number
    >;
    const row = Object.entries(counts).map(([status, n]) => `${status}×${n}`);
    console.log(`fuzz: ${file.replace(/\.json$/, '').padEnd(18)} ${row.join(' ')}`);
  }
  rmSync(reportDir, { recursive: true, force: true });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `fuzz: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds}s (seed ${seed}, ${runs} runs per route)`,
  );
  process.exitCode = code ?? 1;
});
