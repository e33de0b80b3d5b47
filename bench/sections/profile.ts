import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { type BundleTarget, bundleAll } from '../build/bundle.ts';
import type { EnvironmentPlan } from '../env/environment.ts';
import { lambdaEnv, runJsonChild } from '../support/child.ts';
import { round } from '../support/stats.ts';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileShare {
  readonly source: string;
  /** Share of the busy (non-idle) CPU time. */
  readonly selfPercent: number;
}

export interface WarmProfile {
  readonly name: string;
  /** Busy CPU time per invocation, from the profile's samples. */
  readonly cpuUsPerInvocation: number;
  readonly byModule: ProfileShare[];
  readonly byFunction: ProfileShare[];
}

/**
 * Where warm invocations spend CPU: the bundle is built unminified (same code otherwise), run
 * in an environment process under --cpu-prof, and self time is attributed to the source file
 * esbuild names in its `// path` comment above each module.
 */
export async function profileWarm(
  target: BundleTarget,
  uri: string,
  userId: string,
  invocations: number,
): Promise<WarmProfile> {
  const outDir = path.resolve('bench/results/profile', target.entry.replaceAll('/', '__'));
  await rm(outDir, { recursive: true, force: true });
  const [built] = await bundleAll([target], path.join(outDir, 'bundle'), {
    overrides: { minify: false },
  });
  if (!built) throw new Error('no bundle to profile');
  const plan: EnvironmentPlan = {
    bundle: built.file,
    userId,
    warmup: 500,
    measured: invocations,
    concurrency: 1,
    concurrentRounds: 0,
    totalInvocations: 0,
    steadyInvocations: 0,
  };
  await runJsonChild(
    'bench/env/environment.ts',
    [JSON.stringify(plan)],
    lambdaEnv(uri, 'bench'),
    300_000,
    ['--cpu-prof', `--cpu-prof-dir=${outDir}`],
  );
  const file = (await readdir(outDir)).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('node wrote no CPU profile');
  const profile = JSON.parse(await readFile(path.join(outDir, file), 'utf8')) as CpuProfile;
  const modules = moduleStarts(await readFile(built.file, 'utf8'));
  const { busyUs, byModule, byFunction } = attribute(profile, built.file, modules);
  return {
    name: target.name,
    cpuUsPerInvocation: round(busyUs / (plan.warmup + plan.measured + 1)),
    byModule,
    byFunction,
  };
}

export interface ColdProfile {
  readonly name: string;
  /** Busy CPU time of the whole process: Node's start plus the import. */
  readonly busyMs: number;
  /** Busy CPU per source module (ms), largest first. */
  readonly byModule: { readonly source: string; readonly ms: number }[];
}

/** Where a cold import spends CPU: the unminified bundle imported once under --cpu-prof. */
export async function profileCold(target: BundleTarget, uri: string): Promise<ColdProfile> {
  const outDir = path.resolve('bench/results/profile-cold', target.entry.replaceAll('/', '__'));
  await rm(outDir, { recursive: true, force: true });
  const [built] = await bundleAll([target], path.join(outDir, 'bundle'), {
    overrides: { minify: false },
  });
  if (!built) throw new Error('no bundle to profile');
  await runJsonChild('bench/env/cold-import.ts', [built.file], lambdaEnv(uri, 'bench'), 60_000, [
    '--cpu-prof',
    `--cpu-prof-dir=${outDir}`,
    '--cpu-prof-interval=100',
  ]);
  const file = (await readdir(outDir)).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('node wrote no CPU profile');
  const profile = JSON.parse(await readFile(path.join(outDir, file), 'utf8')) as CpuProfile;
  const modules = moduleStarts(await readFile(built.file, 'utf8'));
  const { busyUs, byModule } = attribute(profile, built.file, modules);
  return {
    name: target.name,
    busyMs: round(busyUs / 1_000),
    byModule: byModule.map((m) => ({
      source: m.source,
      ms: round((m.selfPercent / 100) * (busyUs / 1_000)),
    })),
  };
}

/** Line numbers (0-based) where each module of an unminified esbuild bundle starts. */
function moduleStarts(source: string): { line: number; module: string }[] {
  const starts: { line: number; module: string }[] = [];
  source.split('\n').forEach((text, line) => {
    const match = /^\/\/ ((?:node_modules|lib|functions|bench)\/\S+)$/.exec(text);
    if (match?.[1]) starts.push({ line, module: match[1] });
  });
  return starts;
}

function attribute(
  profile: CpuProfile,
  bundleFile: string,
  modules: readonly { line: number; module: string }[],
) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const moduleTime = new Map<string, number>();
  const functionTime = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id)?.callFrame;
    // Idle is the process waiting on the database: not CPU the code spends.
    if (!frame || frame.functionName === '(idle)') return;
    total += dt;
    const module = frame.url.endsWith(path.basename(bundleFile))
      ? shortModule(modules.findLast((m) => m.line <= frame.lineNumber)?.module ?? 'bundle')
      : frame.url
        ? `node:${frame.url
            .replace(/^node:/, '')
            .split('/')
            .at(-1)}`
        : `(${frame.functionName || 'native'})`;
    moduleTime.set(module, (moduleTime.get(module) ?? 0) + dt);
    const fn = `${frame.functionName || '(anonymous)'} [${module}]`;
    functionTime.set(fn, (functionTime.get(fn) ?? 0) + dt);
  });
  const top = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([source, t]) => ({ source, selfPercent: round((t / total) * 100) }));
  return { busyUs: total, byModule: top(moduleTime), byFunction: top(functionTime) };
}

function shortModule(module: string): string {
  const inPackage = module.split('node_modules/').at(-1) ?? module;
  return module.includes('node_modules/') ? inPackage.split('/').slice(0, 3).join('/') : module;
}
