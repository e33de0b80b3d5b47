import { readServerlessYml } from './serverless-yml.ts';

/** Serverless Framework v3's memorySize when serverless.yml sets none. */
const DEFAULT_MEMORY_MB = 1024;

/**
 * The flags the Lambda Node.js runtime starts node with (its `/var/runtime/bootstrap` as
 * published for nodejs14.x to 18.x; taken to hold for nodejs24.x, which cannot be read offline):
 * V8's heap sized from the function's memory, a tenth of it new space split into two
 * semi-spaces, the rest old space; gc exposed; 80 KiB request headers. For 1024 MB: 51 MB
 * semi-spaces, where node's own default is 16 MB.
 */
export function lambdaNodeArgs(memoryMb: number): string[] {
  if (!Number.isInteger(memoryMb) || memoryMb < 128) {
    throw new Error(`memorySize must be an integer of at least 128 MB, got ${memoryMb}`);
  }
  const newSpace = Math.floor(memoryMb / 10);
  return [
    '--expose-gc',
    '--max-http-header-size=81920',
    `--max-semi-space-size=${Math.floor(newSpace / 2)}`,
    `--max-old-space-size=${memoryMb - newSpace}`,
  ];
}

interface ProviderMemory {
  readonly provider?: { readonly memorySize?: number };
}

let deployed: Promise<string[]> | undefined;

/** The flags for serverless.yml's `provider.memorySize` (read once per bench run). */
export function deployedLambdaNodeArgs(file = 'serverless.yml'): Promise<string[]> {
  deployed ??= readServerlessYml<ProviderMemory>(file).then((yml) =>
    lambdaNodeArgs(yml.provider?.memorySize ?? DEFAULT_MEMORY_MB),
  );
  return deployed;
}
