import { readFile } from 'node:fs/promises';
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

export interface WarmWhatIf {
  readonly name: string;
  readonly description: string;
  readonly plugins: (root: string) => Plugin[];
  readonly keepNames?: boolean;
}

/** Changes to the warm path, each alone, measured in their own execution environments. */
export const WARM_WHAT_IFS: readonly WarmWhatIf[] = Object.freeze([
  {
    name: 'usersGet, without the observability middleware',
    description:
      'lib/http/handler.ts without handler.use(observeInvocation()): its cost, for reference',
    plugins: (root) => [
      rewrite(root, 'lib/http/handler.ts', 'handler.use(observeInvocation());', ''),
    ],
  },
  {
    name: 'usersGet, without the middleware nor the driver command monitoring',
    description:
      'as above, and lib/mongo/client-cache.ts without monitorClient(client): what the ' +
      "driver's command monitoring (its events, their relay up to the client, the decoded " +
      'reply) costs on top',
    plugins: (root) => [
      rewrite(root, 'lib/http/handler.ts', 'handler.use(observeInvocation());', ''),
      rewrite(
        root,
        'lib/mongo/client-cache.ts',
        '  monitorClient(client);',
        '  // monitorClient(client);',
      ),
    ],
  },
]);

/**
 * Bundle-size fixes to measure before they land in lib/ (cumulative). Empty: the fixes of
 * bench/README.md Findings 1 are in lib/.
 */
export const WHAT_IFS: readonly WhatIf[] = Object.freeze([]);
