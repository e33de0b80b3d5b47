import type { Plugin } from 'esbuild';

/**
 * The esbuild plugins of the deployed bundles (serverless.yml `custom.esbuild.plugins`; the
 * bench builds with them too).
 *
 * lazyExternalImports: the AWS SDK is external (the nodejs24.x runtime provides it), and only
 * @middy/ssm imports it, and only when MONGODB_URI_SSM_PARAMETER is set (lib/mongo/uri-source.ts
 * loads @middy/ssm with a dynamic import). But esbuild hoists every `import` of an external
 * package to the top of an ESM bundle, so each cold start would load the whole SDK from the
 * runtime whether or not SSM is used. This turns those imports into `require` calls inside
 * lazily initialised modules: the SDK is loaded when @middy/ssm is, never before. (The bundle's
 * banner defines `require` with createRequire.)
 *
 * The same for `node:http` (imported for STATUS_CODES by lib/http and @middy/util): an ESM import
 * of a builtin evaluates every export getter of its namespace, and node:http's lazy getters load
 * Node's undici (~8 ms of every cold start, measured); `require` returns the exports untouched.
 */
const NAMESPACE = 'lazy-external';

export function lazyExternalImports(filter: RegExp): Plugin {
  return {
    name: 'lazy-external-imports',
    setup(build) {
      build.onResolve({ filter }, (args) =>
        args.kind === 'import-statement'
          ? { path: args.path, namespace: NAMESPACE }
          : { path: args.path, external: true },
      );
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
}

const plugins: Plugin[] = [lazyExternalImports(/^(@aws-sdk\/|node:http$)/)];
export default plugins;
