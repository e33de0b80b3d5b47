import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltBundle, bundleAll, bundleTargets } from '#bench/build/bundle.ts';

// Issue #6: zod classic attaches ~40 method closures and its JSON Schema processors to every
// schema instance (+40 M instructions and ~94 KiB at import, measured, against +13 M and ~25 KiB
// for zod/mini). The project's schemas are zod/mini; this proves no deployed bundle pulls classic
// back in, and that JSON Schema generation only ships with the OpenAPI function.
let outDir = '';
let deployed: BuiltBundle[] = [];
let classicRoute: BuiltBundle | undefined;

const zodInputs = (bundle: BuiltBundle, part: RegExp): string[] =>
  Object.values(bundle.metafile.outputs)
    .flatMap((output) => Object.keys(output.inputs))
    .filter((input) => input.includes('node_modules/zod/') && part.test(input));
const CLASSIC = /zod\/v4\/classic\//;
const JSON_SCHEMA =
  /zod\/v4\/core\/(json-schema-processors|to-json-schema|json-schema-generator)\.js$/;

beforeAll(async () => {
  // Inside the repo, so that a bundle finds node_modules (bench/results/ is git-ignored).
  await mkdir('bench/results', { recursive: true });
  outDir = await mkdtemp('bench/results/test-zod-mini-');
  const fixture = {
    name: 'classic zod route',
    entry: 'test/bench/fixtures/classic-zod-route.ts',
    deployed: false,
  };
  const targets = (await bundleTargets()).filter((t) => t.deployed);
  const built = await bundleAll([...targets, fixture], outDir);
  classicRoute = built.pop();
  deployed = built;
}, 240_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('zod in the deployed bundles', () => {
  it('detects classic zod when a route brings it (the check can fail)', () => {
    if (!classicRoute) throw new Error('the fixture was not built');
    expect(zodInputs(classicRoute, CLASSIC).length).toBeGreaterThan(0);
  });

  it('builds every deployed function, none of which contains zod/v4/classic', () => {
    expect(deployed.map((b) => b.name)).toEqual(
      expect.arrayContaining(['usersGet', 'healthCheck', 'openapiDocument']),
    );
    const withClassic = deployed.filter((b) => zodInputs(b, CLASSIC).length > 0);
    expect(withClassic.map((b) => `${b.name}: ${zodInputs(b, CLASSIC).join(', ')}`)).toEqual([]);
    for (const b of deployed) expect(zodInputs(b, /zod\/v4\/mini\//).length).toBeGreaterThan(0);
  });

  it('ships JSON Schema generation only with the OpenAPI function', () => {
    const withGenerator = deployed.filter((b) => zodInputs(b, JSON_SCHEMA).length > 0);
    expect(withGenerator.map((b) => b.name)).toEqual(['openapiDocument']);
  });
});
