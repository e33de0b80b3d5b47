import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildOptions, Plugin } from 'esbuild';
import { readServerlessYml } from '../support/serverless-yml.ts';

/**
 * The esbuild options the deployed bundles are built with, read from serverless.yml's
 * `custom.esbuild` (the one place they are written), so the bench measures what ships.
 * serverless-esbuild's `exclude` means "external and not packed": for a bundle, external.
 */
interface ServerlessEsbuild {
  readonly bundle?: boolean;
  readonly format?: BuildOptions['format'];
  readonly platform?: BuildOptions['platform'];
  readonly target?: string;
  readonly minify?: boolean;
  readonly sourcemap?: boolean;
  readonly keepNames?: boolean;
  readonly banner?: Record<string, string>;
  readonly exclude?: readonly string[];
  readonly external?: readonly string[];
  /** serverless-esbuild's `plugins`: a file whose default export is the plugin array. */
  readonly plugins?: string;
}

export interface ServerlessFunction {
  readonly name: string;
  /** Source file of the handler, relative to the project root (`functions/users/get.ts`). */
  readonly entry: string;
  readonly exportName: string;
}

interface ServerlessYml {
  readonly functions?: Record<string, { readonly handler?: string }>;
  readonly custom?: { readonly esbuild?: ServerlessEsbuild };
}

async function loadPlugins(file: string): Promise<Plugin[]> {
  try {
    return ((await import(pathToFileURL(file).href)) as { default: Plugin[] }).default;
  } catch (error) {
    throw new Error(`Cannot load the esbuild plugins of ${file}`, { cause: error });
  }
}

export async function deployedEsbuildOptions(file = 'serverless.yml'): Promise<BuildOptions> {
  const custom = (await readServerlessYml<ServerlessYml>(file)).custom?.esbuild;
  if (!custom) throw new Error(`${file} has no custom.esbuild section`);
  return {
    bundle: custom.bundle ?? true,
    format: custom.format ?? 'esm',
    platform: custom.platform ?? 'node',
    ...(custom.target ? { target: custom.target } : {}),
    minify: custom.minify ?? false,
    sourcemap: custom.sourcemap ?? false,
    keepNames: custom.keepNames ?? false,
    ...(custom.banner ? { banner: custom.banner } : {}),
    external: [...(custom.external ?? []), ...(custom.exclude ?? [])],
    plugins: custom.plugins
      ? await loadPlugins(path.resolve(path.dirname(file), custom.plugins))
      : [],
  };
}

/** Every function serverless.yml deploys, with its handler's source file. */
export async function deployedFunctions(file = 'serverless.yml'): Promise<ServerlessFunction[]> {
  const functions = (await readServerlessYml<ServerlessYml>(file)).functions ?? {};
  return Object.entries(functions).flatMap(([name, fn]) => {
    const match = fn.handler?.match(/^(.*)\.([A-Za-z_$][\w$]*)$/);
    return match?.[1] && match[2] ? [{ name, entry: `${match[1]}.ts`, exportName: match[2] }] : [];
  });
}
