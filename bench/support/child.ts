import { spawn } from 'node:child_process';

/**
 * Runs a Node 24 script in a fresh process and returns the JSON it prints as its last stdout
 * line. Anything else it prints (the handlers' logs) is kept for the error message only.
 */
export async function runJsonChild<T>(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 300_000,
  nodeArgs: readonly string[] = [],
): Promise<T> {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => clearTimeout(timer));
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  if (code !== 0 || !last.startsWith('{')) {
    throw new Error(
      `${script} ${args.join(' ')} exited ${code}:\n${stderr}\n${stdout.slice(-2000)}`,
    );
  }
  try {
    return JSON.parse(last) as T;
  } catch (error) {
    throw new Error(`${script} printed no JSON result`, { cause: error });
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
