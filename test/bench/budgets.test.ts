import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltBundle, bundleAll, bundleTargets } from '#bench/build/bundle.ts';
import { type Budgets, checkBudgets, readBudgets } from '#bench/quick/budgets.ts';

// CI's bundle-size gate: every handler built exactly as serverless.yml deploys it (one
// minified ESM file) must fit its committed budget in bench/budgets.json.
let outDir = '';
let bundles: BuiltBundle[] = [];
let budgets: Budgets;

beforeAll(async () => {
  // Inside the repo, so that a bundle finds node_modules; bench/results/ is git-ignored, so a
  // fresh clone lacks it.
  await mkdir('bench/results', { recursive: true });
  outDir = await mkdtemp('bench/results/test-budgets-');
  bundles = await bundleAll(await bundleTargets(), outDir);
  budgets = await readBudgets();
}, 240_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('bundle budgets (bench/budgets.json)', () => {
  it('builds every function serverless.yml deploys, and each functions/** handler', () => {
    expect(bundles.map((b) => b.name)).toEqual(
      expect.arrayContaining(['usersGet', 'usersList', 'healthCheck']),
    );
    for (const b of bundles) expect(b.bytes).toBeGreaterThan(0);
  });

  it('keeps every bundle within its budget (regenerate: npm run bench:quick -- --write-budgets)', () => {
    const failures = checkBudgets(bundles, budgets)
      .filter((c) => !c.ok)
      .map((c) =>
        c.budget === undefined
          ? `${c.entry}: no budget in bench/budgets.json`
          : `${c.entry}: ${c.bytes} bytes > budget ${c.budget}`,
      );
    expect(failures).toEqual([]);
  });

  it('fails a bundle over its budget or without one', () => {
    const [first, second] = bundles;
    if (!first || !second) throw new Error('fewer than two bundles built');
    const tight: Budgets = { headroom: 0, functions: { [first.entry]: first.bytes - 1 } };
    expect(checkBudgets([first, second], tight)).toEqual([
      { entry: first.entry, bytes: first.bytes, budget: first.bytes - 1, ok: false },
      { entry: second.entry, bytes: second.bytes, budget: undefined, ok: false },
    ]);
    const exact: Budgets = { headroom: 0, functions: { [first.entry]: first.bytes } };
    expect(checkBudgets([first], exact)[0]?.ok).toBe(true);
  });
});
