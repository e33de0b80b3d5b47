import { readFile, writeFile } from 'node:fs/promises';
import type { BuiltBundle } from '../build/bundle.ts';

/** bench/budgets.json: the most bytes each function's minified bundle may have. */
export interface Budgets {
  readonly $comment?: string;
  readonly headroom: number;
  readonly functions: Record<string, number>;
}

export const BUDGETS_FILE = 'bench/budgets.json';

export async function readBudgets(file = BUDGETS_FILE): Promise<Budgets> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Budgets;
  } catch (error) {
    throw new Error(`Cannot read ${file}`, { cause: error });
  }
}

export interface BudgetCheck {
  readonly entry: string;
  readonly bytes: number;
  readonly budget: number | undefined;
  readonly ok: boolean;
}

/** Each bundle against its budget (keyed by handler source file); a missing budget fails. */
export function checkBudgets(bundles: readonly BuiltBundle[], budgets: Budgets): BudgetCheck[] {
  return bundles.map((b) => {
    const budget = budgets.functions[b.entry];
    return {
      entry: b.entry,
      bytes: b.bytes,
      budget,
      ok: budget !== undefined && b.bytes <= budget,
    };
  });
}

/** Rewrites the budgets from measured sizes plus headroom (rounded up to a KiB). */
export async function writeBudgets(
  bundles: readonly BuiltBundle[],
  headroom: number,
  file = BUDGETS_FILE,
): Promise<void> {
  const functions = Object.fromEntries(
    bundles.map((b) => [b.entry, Math.ceil((b.bytes * (1 + headroom)) / 1024) * 1024]),
  );
  const budgets: Budgets = {
    $comment:
      'Bytes per minified bundle (as deployed). Checked by npm test and npm run bench:quick. Regenerate with npm run bench:quick -- --write-budgets after a reviewed size change.',
    headroom,
    functions,
  };
  await writeFile(file, `${JSON.stringify(budgets, null, 2)}\n`);
}
