import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * The fixes proposed in bench/README.md "Findings", applied at build time to lib/ sources
 * without touching them, so their effect is measured rather than guessed. Cumulative.
 */
export interface WhatIf {
  readonly name: string;
  readonly description: string;
  readonly plugins: (root: string) => Plugin[];
}

/** `import { z } from 'zod'` → `import * as z from 'zod'`: esbuild can then drop unused parts (locales). */
const zodNamespace = (root: string): Plugin => ({
  name: 'what-if-zod-namespace',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!args.path.startsWith(path.join(root, 'lib'))) return undefined;
      const source = await readFile(args.path, 'utf8');
      return {
        contents: source.replace(/import \{ z \} from 'zod';/g, "import * as z from 'zod';"),
        loader: 'ts',
      };
    });
  },
});

/** lib's `from 'bson'` resolved to the copy the driver `require`s (as `from 'mongodb'` would). */
const bsonOnce = (root: string): Plugin => ({
  name: 'what-if-bson-once',
  setup(build) {
    const driverBson = createRequire(path.join(root, 'node_modules/mongodb/package.json')).resolve(
      'bson',
    );
    build.onResolve({ filter: /^bson$/ }, () => ({ path: driverBson }));
  },
});

/** @middy/ssm (and the AWS SDK under it) out of the cold path: a stub that is never called here. */
const ssmOut = (): Plugin => ({
  name: 'what-if-ssm-lazy',
  setup(build) {
    build.onResolve({ filter: /^@middy\/ssm$/ }, (args) => ({
      path: args.path,
      namespace: 'stub',
    }));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'export default () => { throw new Error("loaded lazily in the fix"); };',
      loader: 'js',
    }));
  },
});

/** One text substitution in one lib/ file (fails the build when the text is gone). */
const rewrite = (root: string, file: string, from: string, to: string, append = ''): Plugin => ({
  name: `what-if-rewrite-${file}`,
  setup(build) {
    const target = path.join(root, file);
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path !== target) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(from)) throw new Error(`what-if: '${from}' no longer in ${file}`);
      return { contents: `${source.replace(from, to)}\n${append}`, loader: 'ts' };
    });
  },
});

/** The Db handle made once per client rather than per invocation (client.db() parses options). */
const cachedDb = (root: string): Plugin =>
  rewrite(
    root,
    'lib/mongo/middleware.ts',
    'state.db = client.db(config.dbName);',
    'state.db = dbOf(client, config.dbName);',
    [
      'const dbs = new WeakMap<import("mongodb").MongoClient, import("mongodb").Db>();',
      'function dbOf(client: import("mongodb").MongoClient, name: string) {',
      '  let db = dbs.get(client);',
      '  if (!db) { db = client.db(name); dbs.set(client, db); }',
      '  return db;',
      '}',
    ].join('\n'),
  );

export interface WarmWhatIf {
  readonly name: string;
  readonly description: string;
  readonly plugins: (root: string) => Plugin[];
  readonly keepNames?: boolean;
}

/** Changes to the warm path, each alone, measured in their own execution environments. */
export const WARM_WHAT_IFS: readonly WarmWhatIf[] = Object.freeze([
  {
    name: 'usersGet, Db cached per client',
    description: 'lib/mongo/middleware.ts: reuse the Db of a client',
    plugins: (root) => [cachedDb(root)],
  },
  {
    name: 'usersGet, without the observability middleware',
    description:
      'lib/http/handler.ts without handler.use(observeInvocation()): its cost, for reference',
    plugins: (root) => [
      rewrite(root, 'lib/http/handler.ts', 'handler.use(observeInvocation());', ''),
    ],
  },
  {
    name: 'usersGet, keepNames off',
    description: 'serverless.yml custom.esbuild.keepNames: false',
    plugins: () => [],
    keepNames: false,
  },
  {
    name: 'usersGet, Db cached + keepNames off',
    description: 'both warm-path fixes above together',
    plugins: (root) => [cachedDb(root)],
    keepNames: false,
  },
]);

export const WHAT_IFS: readonly WhatIf[] = Object.freeze([
  {
    name: '+ zod namespace import',
    description: "lib/**: import * as z from 'zod'",
    plugins: (root) => [zodNamespace(root)],
  },
  {
    name: '+ one bson copy',
    description: "lib/**: BSON types from 'mongodb', not 'bson'",
    plugins: (root) => [zodNamespace(root), bsonOnce(root)],
  },
  {
    name: '+ SSM client lazy',
    description:
      'lib/mongo/uri-source.ts: import @middy/ssm only when MONGODB_URI_SSM_PARAMETER is set',
    plugins: (root) => [zodNamespace(root), bsonOnce(root), ssmOut()],
  },
]);
