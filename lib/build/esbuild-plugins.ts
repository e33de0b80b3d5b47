import type { OnResolveArgs, Plugin } from 'esbuild';

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
 * lazyBuiltinImports does the same for `node:http`, imported for STATUS_CODES only by lib/http and
 * @middy/util: an ESM import of a builtin evaluates every export getter of its namespace, and
 * node:http's lazy getters load Node's undici (~8 ms of every cold start, measured); even a plain
 * `require('node:http')` at init costs ~2.5 ms. Each export becomes a getter that requires the
 * builtin on first read, so a cold start that answers no error never loads it. The same for
 * `node:stream/web`, which @middy/http-content-encoding imports for streamed bodies only (~2.4 ms
 * as an ESM import): the list functions never load it. (Its `node:zlib` the driver loads anyway.)
 */
const NAMESPACE = 'lazy-external';
const BUILTIN_NAMESPACE = 'lazy-builtin';

/** `import` statements go to the plugin's namespace (a module built below); `require`s stay external. */
const importsInto = (namespace: string) => (args: OnResolveArgs) =>
  args.kind === 'import-statement'
    ? { path: args.path, namespace }
    : { path: args.path, external: true };

export function lazyExternalImports(filter: RegExp): Plugin {
  return {
    name: 'lazy-external-imports',
    setup(build) {
      build.onResolve({ filter }, importsInto(NAMESPACE));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
}

export function lazyBuiltinImports(filter: RegExp): Plugin {
  return {
    name: 'lazy-builtin-imports',
    setup(build) {
      build.onResolve({ filter }, importsInto(BUILTIN_NAMESPACE));
      build.onLoad({ filter: /.*/, namespace: BUILTIN_NAMESPACE }, async (args) => {
        // The builtin's export names, read here at build time (the same Node major as Lambda's).
        const names = Object.keys(await import(args.path)).filter((n) => n !== 'default');
        return {
          contents: [
            `let loaded; const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`,
            `for (const n of ${JSON.stringify(names)})`,
            '  Object.defineProperty(module.exports, n, { get: () => load()[n], enumerable: true });',
          ].join('\n'),
          loader: 'js',
        };
      });
    },
  };
}

const URL_NAMESPACE = 'native-whatwg-url';

/**
 * nativeWhatwgUrl: the driver parses connection strings with mongodb-connection-string-url, which
 * takes `URL` from the whatwg-url package (written to run in browsers too). That brings tr46's
 * Unicode tables and webidl-conversions: ~290 KB of every bundle, and ~11 ms of every cold start
 * spent evaluating them (bench/README.md, round 11). Node's own `URL` implements the same WHATWG
 * standard, and a `mongodb://` URL never reaches IDNA (the package puts a placeholder where the
 * hosts were). test/unit/lib/build/native-whatwg-url.test.ts parses a corpus of connection
 * strings through the driver both ways and requires the same options and the same errors.
 */
export function nativeWhatwgUrl(): Plugin {
  return {
    name: 'native-whatwg-url',
    setup(build) {
      build.onResolve({ filter: /^whatwg-url$/ }, (args) => ({
        path: args.path,
        namespace: URL_NAMESPACE,
      }));
      build.onLoad({ filter: /.*/, namespace: URL_NAMESPACE }, () => ({
        contents: 'module.exports = { URL, URLSearchParams };',
        loader: 'js',
      }));
    },
  };
}

const plugins: Plugin[] = [
  lazyExternalImports(/^@aws-sdk\//),
  lazyBuiltinImports(/^node:(?:http|stream\/web)$/),
  nativeWhatwgUrl(),
];
export default plugins;
