import { readFile } from 'node:fs/promises';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

// The HTTP API JWT authorizer in serverless.yml guards exactly the write routes with the write scope.
interface HttpApiEvent {
  method: string;
  path: string;
  authorizer?: { name: string; scopes?: string[] };
}
interface Yaml {
  provider?: { httpApi?: { authorizers?: Record<string, Record<string, unknown>> } };
  functions: Record<string, { events?: { httpApi?: HttpApiEvent }[] }>;
}
/** serverless variables as written in the YAML (`${param:x}`), not JS template placeholders. */
const param = (name: string) => `\${param:${name}}`;
const read = async (file: string) => load(await readFile(file, 'utf8')) as Yaml;
const routes = (yaml: Yaml) =>
  Object.entries(yaml.functions).flatMap(([name, fn]) =>
    (fn.events ?? []).flatMap((e) => (e.httpApi ? [{ name, ...e.httpApi }] : [])),
  );

describe('JWT authorizer configuration', () => {
  it('puts the write scope on every non-GET route and no authorizer on reads', async () => {
    const main = await read('serverless.yml');
    const jwt = main.provider?.httpApi?.authorizers?.jwt;
    expect(jwt).toMatchObject({
      type: 'jwt',
      identitySource: '$request.header.Authorization',
      // Fn::Sub around the plain value: osls refuses the empty default string at package time.
      issuerUrl: { 'Fn::Sub': param('authIssuer') },
      audience: [{ 'Fn::Sub': param('authAudience') }],
    });
    const guarded = new Map(routes(main).map((r) => [`${r.method} ${r.path}`, r.authorizer]));
    const declared = routes(main);
    const writes = declared.filter((r) => r.method.toUpperCase() !== 'GET');
    expect(writes.length).toBeGreaterThanOrEqual(11);
    for (const route of declared) {
      const authorizer = guarded.get(`${route.method} ${route.path}`);
      if (route.method.toUpperCase() === 'GET') expect(authorizer, route.path).toBeUndefined();
      else
        expect(authorizer, `${route.method} ${route.path}`).toEqual({
          name: 'jwt',
          scopes: [param('authWriteScope')],
        });
    }
  });
});
