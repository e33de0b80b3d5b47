import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugins from '#lib/build/esbuild-plugins.ts';

const run = promisify(execFile);
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lmk-esbuild-plugins-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Bundles `source` as the deployed functions are (ESM, the banner's require, our plugins). */
async function bundle(source: string): Promise<string> {
  const entry = path.join(dir, `entry-${Math.random().toString(36).slice(2)}.ts`);
  const out = entry.replace(/\.ts$/, '.mjs');
  await writeFile(entry, source);
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    banner: {
      js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
    },
    plugins,
    logLevel: 'silent',
  });
  return out;
}

/** Imports the bundle in a fresh process; prints whether `builtin` was loaded before and after. */
async function probe(
  file: string,
  builtin = 'http',
): Promise<{ before: boolean; value: string; after: boolean }> {
  const script = `
    const loaded = () => process.moduleLoadList.some((m) => m === 'NativeModule ${builtin}');
    const mod = await import(${JSON.stringify(file)});
    const before = loaded();
    const value = String(mod.statusText(404));
    console.log(JSON.stringify({ before, value, after: loaded() }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
  return JSON.parse(stdout);
}

describe('lazyBuiltinImports (node:http)', () => {
  it('loads node:http at the first read of an export, not at import', async () => {
    const file = await bundle(
      "import { STATUS_CODES } from 'node:http';\nexport const statusText = (s: number) => STATUS_CODES[s];\n",
    );
    expect(await probe(file)).toEqual({ before: false, value: 'Not Found', after: true });
  });

  it('leaves an unbundled require of node:http untouched', async () => {
    const file = await bundle(
      "import { createRequire as makeRequire } from 'node:module';\nconst http = makeRequire(import.meta.url)('node:http');\nexport const statusText = (s: number) => http.STATUS_CODES[s];\n",
    );
    expect(await probe(file)).toEqual({ before: true, value: 'Not Found', after: true });
  });
});

describe('lazyBuiltinImports (node:stream/web, imported by the list functions’ compression)', () => {
  it('loads node:stream/web at the first read of an export, not at import', async () => {
    const file = await bundle(
      "import { ReadableStream } from 'node:stream/web';\nexport const statusText = (s: number) => typeof ReadableStream === 'function' && s;\n",
    );
    expect(await probe(file, 'stream/web')).toEqual({ before: false, value: '404', after: true });
  });
});
