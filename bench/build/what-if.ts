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
