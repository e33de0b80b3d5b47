import path from 'node:path';
import {
  type BuiltBundle,
  type BundleTarget,
  bundleAll,
  bundleBaselines,
  bundleComposition,
} from '../build/bundle.ts';
import { WHAT_IFS } from '../build/what-if.ts';
import { ratio } from '../support/stats.ts';

export interface BundleRow {
  readonly name: string;
  readonly entry: string;
  readonly deployed: boolean;
  readonly bytes: number;
  /** Against the baseline as built by hand (the goal's reference). */
  readonly ratio: number;
  /** Against the baseline through this project's build: the library's own code. */
  readonly buildRatio: number;
}

export interface BundleSection {
  readonly baseline: BuiltBundle;
  readonly projectBuilt: BuiltBundle;
  readonly bundles: BuiltBundle[];
  readonly rows: BundleRow[];
  /** What dominates the first deployed function's bundle, and the baseline's. */
  readonly composition: Record<string, { source: string; bytes: number }[]>;
}

const OUT = 'bench/results/bundles';

export async function measureBundles(targets: readonly BundleTarget[]): Promise<BundleSection> {
  const [{ baseline, projectBuilt }, bundles] = await Promise.all([
    bundleBaselines(path.join(OUT, 'baseline')),
    bundleAll(targets, OUT),
  ]);
  const rows = [baseline, projectBuilt, ...bundles].map((b) => ({
    name: b.name,
    entry: b.entry,
    deployed: b.deployed,
    bytes: b.bytes,
    ratio: ratio(b.bytes, baseline.bytes),
    buildRatio: ratio(b.bytes, projectBuilt.bytes),
  }));
  const sample = bundles.find((b) => b.deployed) ?? bundles[0];
  const composition: BundleSection['composition'] = {
    [baseline.name]: bundleComposition(baseline.metafile),
  };
  if (sample) composition[sample.name] = bundleComposition(sample.metafile, 12);
  return { baseline, projectBuilt, bundles, rows, composition };
}

export interface WhatIfRow {
  readonly step: string;
  readonly change: string;
  readonly bytes: number;
  readonly ratio: number;
  readonly file: string;
}

/** The proposed fixes applied cumulatively to one function: bytes after each. */
export async function measureWhatIfs(
  target: BundleTarget,
  baseline: BuiltBundle,
): Promise<WhatIfRow[]> {
  const rows: WhatIfRow[] = [];
  for (const [i, whatIf] of WHAT_IFS.entries()) {
    const [built] = await bundleAll([target], path.join('bench/results/what-if', String(i)), {
      plugins: whatIf.plugins(process.cwd()),
    });
    if (!built) continue;
    rows.push({
      step: whatIf.name,
      change: whatIf.description,
      bytes: built.bytes,
      ratio: ratio(built.bytes, baseline.bytes),
      file: built.file,
    });
  }
  return rows;
}
