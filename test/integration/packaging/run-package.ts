import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import type { Template } from './cloudformation.ts';

const serverlessBin = createRequire(import.meta.url).resolve('serverless/bin/serverless.js');

export interface PackageResult {
  readonly dir: string;
  readonly template: Template;
  readonly output: string;
}

/**
 * `serverless package --package <temp dir>` run the way a developer would, but with no AWS
 * credentials at all: every AWS_* variable dropped and HOME pointed at an empty folder (no
 * ~/.aws). Packaging must never need an account.
 */
export async function runPackage(extraArgs: readonly string[] = []): Promise<PackageResult> {
  const dir = await mkdtemp(join(tmpdir(), 'lmk-package-'));
  const home = await mkdtemp(join(tmpdir(), 'lmk-home-'));
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('AWS_') && key !== 'NODE_OPTIONS',
    ),
  );
  // A work folder of its own: osls's ${sls:instanceId} is a millisecond timestamp, which two
  // packagers started together can share.
  const run = `package-${basename(dir)}`;
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [serverlessBin, 'package', '--package', dir, ...extraArgs],
    {
      env: { ...env, HOME: home, CI: 'true', LMK_ESBUILD_RUN: run },
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    },
  )
    .catch((error: { stdout?: string; stderr?: string }) => {
      // execFile's message carries stderr only; osls prints its errors on stdout.
      throw new Error(`serverless package failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`, {
        cause: error,
      });
    })
    .finally(async () => {
      await rm(home, { recursive: true, force: true });
      // Normally removed by serverless-esbuild; left behind when packaging fails.
      await rm(join('.esbuild', run), { recursive: true, force: true });
    });
  const template = JSON.parse(
    await readFile(join(dir, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as Template;
  return { dir, template, output: stdout + stderr };
}
