import { access, readFile } from 'node:fs/promises';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '#lib/catalog/routes.ts';

interface FunctionDef {
  handler: string;
  events?: { httpApi?: { method: string; path: string } }[];
}

const config = load(await readFile('serverless.yml', 'utf8')) as {
  functions: Record<string, FunctionDef>;
  custom: Record<string, Record<string, unknown>>;
};
const declared = config.functions;

describe('serverless.yml function entries', () => {
  it('serve exactly the routes of the catalog, each once', () => {
    const served = Object.values(declared).flatMap((fn) =>
      (fn.events ?? []).flatMap((e) =>
        e.httpApi ? [`${e.httpApi.method.toUpperCase()} ${e.httpApi.path}`] : [],
      ),
    );
    const documented = ROUTES.map((r) => `${r.doc?.method} ${r.doc?.path}`);
    expect([...new Set(served)].sort()).toEqual([...documented].sort());
    expect(served.length).toBe(new Set(served).size);
  });

  it('point at handler files that exist', async () => {
    expect(Object.keys(declared).length).toBeGreaterThan(0);
    for (const fn of Object.values(declared)) {
      const file = `${fn.handler.replace(/\.handler$/, '')}.ts`;
      await expect(access(file)).resolves.toBeUndefined();
    }
  });

  it('leave token checks to the handlers under serverless-offline (noAuth)', () => {
    // Otherwise serverless-offline 14 refuses to start with the HTTP API JWT authorizer, and it
    // would only decode tokens anyway.
    expect(config.custom['serverless-offline']?.noAuth).toBe(true);
  });
});
