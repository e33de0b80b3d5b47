import { spawn } from 'node:child_process';
import { deployedLambdaNodeArgs } from './lambda-runtime.ts';
import { RESULT_FD } from './result.ts';

/**
 * Runs a Node 24 script in a fresh process, started with the flags the Lambda Node.js runtime
 * uses (lambda-runtime.ts) since every such child is a simulated execution environment, plus
 * `extraNodeArgs` (a profiler's), and returns the JSON it reports on the result descriptor
 * (bench/support/result.ts). Its stdout, where the handlers write one log line per
 * invocation, goes to /dev/null: in Lambda the platform reads those lines outside the function,
 * and a reader here would take CPU from the cores the measured process and the database share.
 */
export async function runJsonChild<T>(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 300_000,
  extraNodeArgs: readonly string[] = [],
): Promise<T> {
  const nodeArgs = [...(await deployedLambdaNodeArgs()), ...extraNodeArgs];
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let result = '';
  let stderr = '';
  child.stdio[RESULT_FD]?.on('data', (chunk: Buffer) => {
    result += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => clearTimeout(timer));
  const last = result.trimEnd().split('\n').at(-1) ?? '';
  if (code !== 0 || !last.startsWith('{')) {
    throw new Error(`${script} ${args.join(' ')} exited ${code}:\n${stderr}`);
  }
  try {
    return JSON.parse(last) as T;
  } catch (error) {
    throw new Error(`${script} reported no JSON result`, { cause: error });
  }
}

/** The environment a bundle runs with: the database, and nothing from SSM. */
export function lambdaEnv(uri: string, dbName: string, extra: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    MONGODB_URI: uri,
    MONGODB_DB: dbName,
    MONGODB_MAX_POOL_SIZE: '3',
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
    PAGINATION_CURSOR_SECRET: BENCH_CURSOR_SECRET,
    ...extra,
  };
  return env;
}

export const BENCH_CURSOR_SECRET = 'bench-cursor-secret-0123456789';
