import { glob, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';
import { deployedEsbuildOptions, deployedFunctions } from './esbuild-options.ts';

export const BASELINE_ENTRY = 'bench/baseline/handler.ts';

export interface BundleTarget {
  /** serverless.yml function name, or the entry path when the function is not deployed yet. */
  readonly name: string;
  readonly entry: string;
  readonly deployed: boolean;
}

export interface BuiltBundle extends BundleTarget {
  readonly file: string;
  readonly bytes: number;
  readonly metafile: Metafile;
}

/**
 * Every handler: the functions serverless.yml deploys, plus any functions/** file it does not
 * name yet (so a route gets a budget before it is wired into serverless.yml).
 */
export async function bundleTargets(root = process.cwd()): Promise<BundleTarget[]> {
  const deployed = await deployedFunctions(path.join(root, 'serverless.yml'));
  const targets: BundleTarget[] = deployed.map((f) => ({
    name: f.name,
    entry: f.entry,
    deployed: true,
  }));
  const known = new Set(targets.map((t) => t.entry));
  const files: string[] = [];
  for await (const file of glob('functions/**/*.ts', { cwd: root })) files.push(file);
  for (const entry of files.sort()) {
    if (!known.has(entry)) targets.push({ name: entry, entry, deployed: false });
  }
  return targets;
}

/**
 * Builds the entries exactly as deployed (one ESM file each, minified), in one esbuild call so
 * shared modules are parsed once; `plugins` lets the what-if section rewrite sources.
 */
export async function bundleAll(
  targets: readonly BundleTarget[],
  outDir: string,
  {
    root = process.cwd(),
    plugins = [],
    overrides = {},
  }: { root?: string; plugins?: Plugin[]; overrides?: BuildOptions } = {},
): Promise<BuiltBundle[]> {
  const options = {
    ...(await deployedEsbuildOptions(path.join(root, 'serverless.yml'))),
    ...overrides,
  };
  await mkdir(outDir, { recursive: true });
  const result = await build({
    ...options,
    absWorkingDir: root,
    entryPoints: targets.map((t) => t.entry),
    outdir: outDir,
    outbase: root,
    outExtension: { '.js': '.mjs' },
    metafile: true,
    plugins: [...plugins, ...(options.plugins ?? [])],
    logLevel: 'silent',
  });
  const byEntry = new Map(
    Object.entries(result.metafile.outputs).flatMap(([file, output]) =>
      output.entryPoint ? [[output.entryPoint, { file, output }] as const] : [],
    ),
  );
  return targets.map((target) => {
    const built = byEntry.get(target.entry);
    if (!built) throw new Error(`esbuild wrote no output for ${target.entry}`);
    const metafile: Metafile = { inputs: {}, outputs: { [built.file]: built.output } };
    return { ...target, file: path.resolve(root, built.file), bytes: built.output.bytes, metafile };
  });
}

export function baselineTarget(): BundleTarget {
  return { name: 'baseline (bare driver)', entry: BASELINE_ENTRY, deployed: false };
}

/** The baseline as this project builds it, plugins included: what the library's code adds. */
const PROJECT_BUILT_BASELINE = 'baseline through this project’s build';

/**
 * The bare-driver baseline twice: as a user deploys it by hand (the deployed esbuild options
 * without this project's plugins: lib/build/esbuild-plugins.ts is part of the toolkit), the goals'
 * reference; and through this project's build, so the library's own code is measured apart.
 */
export async function bundleBaselines(
  outDir: string,
): Promise<{ baseline: BuiltBundle; projectBuilt: BuiltBundle }> {
  const [[baseline], [built]] = await Promise.all([
    bundleAll([baselineTarget()], path.join(outDir, 'by-hand'), { overrides: { plugins: [] } }),
    bundleAll([baselineTarget()], path.join(outDir, 'project-built')),
  ]);
  if (!baseline || !built) throw new Error('baseline did not build');
  return { baseline, projectBuilt: { ...built, name: PROJECT_BUILT_BASELINE } };
}

/** Bytes in the output per package (or project folder), largest first: what dominates. */
export function bundleComposition(
  metafile: Metafile,
  top = 8,
): { source: string; bytes: number }[] {
  const bySource = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const source = sourceOf(input);
      bySource.set(source, (bySource.get(source) ?? 0) + bytesInOutput);
    }
  }
  return [...bySource.entries()]
    .map(([source, bytes]) => ({ source, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

function sourceOf(input: string): string {
  const parts = input.split('node_modules/');
  const last = parts.at(-1) ?? input;
  if (parts.length === 1) return input.split('/').slice(0, 2).join('/');
  const segments = last.split('/');
  return segments[0]?.startsWith('@') ? `${segments[0]}/${segments[1]}` : (segments[0] ?? last);
}
