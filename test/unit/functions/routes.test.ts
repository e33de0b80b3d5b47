import { access, readFile } from 'node:fs/promises';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '#lib/catalog/routes.ts';

interface FunctionDef {
  handler: string;
  events?: { httpApi?: { method: string; path: string } }[];
}

async function functions(file: string, key?: string): Promise<Record<string, FunctionDef>> {
  const doc = load(await readFile(file, 'utf8')) as Record<string, unknown>;
  return (key ? doc[key] : doc) as Record<string, FunctionDef>;
}

describe('serverless function entries', () => {
  it('serve exactly the routes of the catalog (serverless.yml + serverless/functions-library.yml)', async () => {
    const all = {
      ...(await functions('serverless.yml', 'functions')),
      ...(await functions('serverless/functions-library.yml')),
    };
    const served = Object.values(all).flatMap((fn) =>
      (fn.events ?? []).flatMap((e) =>
        e.httpApi ? [`${e.httpApi.method.toUpperCase()} ${e.httpApi.path}`] : [],
      ),
    );
    const documented = ROUTES.map((r) => `${r.doc?.method} ${r.doc?.path}`);
    expect([...new Set(served)].sort()).toEqual([...documented].sort());
    expect(served.length).toBe(new Set(served).size);
  });

  it('point at handler files that exist', async () => {
    const library = await functions('serverless/functions-library.yml');
    for (const fn of Object.values(library)) {
      const file = `${fn.handler.replace(/\.handler$/, '')}.ts`;
      await expect(access(file)).resolves.toBeUndefined();
    }
  });
});
