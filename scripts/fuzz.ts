// `npm run fuzz [-- --runs 20000 --seed 12345 --route createBook]`: the long property-based run
// of test/fuzz (every route through its real chain, in-process, against localdb or MONGODB_URI).
// Prints the seed first; a failure prints fast-check's counterexample with its seed and path.
// Replay one with `npm run fuzz -- --seed <seed>` (add `--runs` as printed).
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
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
const child = spawn(vitest, args, {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed) },
});
child.on('exit', (code) => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `fuzz: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds}s (seed ${seed}, ${runs} runs per route)`,
  );
  process.exitCode = code ?? 1;
});
