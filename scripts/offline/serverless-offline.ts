import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';

export interface OfflineOptions {
  readonly httpPort: number;
  readonly lambdaPort: number;
  readonly stage: string;
  readonly dbName: string;
  /** Environment of the serverless process; with --localEnvironment the handlers see it too. */
  readonly env: NodeJS.ProcessEnv;
  /** More `serverless offline start` flags (the load test adds --useInProcess). */
  readonly extraArgs?: readonly string[];
  /** Pass its output through to this process's (default true; it logs every request). */
  readonly echo?: boolean;
}

export interface RunningOffline {
  readonly child: ChildProcess;
  /** Resolves when serverless-offline prints "Server ready"; rejects if it exits first. */
  readonly ready: Promise<void>;
  /** Resolves with the exit code (or signal name) once the process has gone. */
  readonly exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has gone. */
  stop(graceMs?: number): Promise<number | string>;
  /** What it printed (stdout and stderr), the last 200,000 characters. */
  output(): string;
}

const serverlessBin = createRequire(import.meta.url).resolve('serverless/bin/serverless.js');

/** Runs `serverless offline start` (serverless-esbuild bundles first) with its output passed through. */
export function startOffline(options: OfflineOptions): RunningOffline {
  const args = [
    serverlessBin,
    'offline',
    'start',
    '--stage',
    options.stage,
    '--host',
    '127.0.0.1',
    '--httpPort',
    String(options.httpPort),
    '--lambdaPort',
    String(options.lambdaPort),
    // Handlers read MONGODB_URI from this process's environment (it outranks the SSM parameter).
    '--localEnvironment',
    // serverless-offline only decodes JWTs (no signature check) and compares `iss` with the
    // stage's (empty) issuer: skip it; the handlers verify every token themselves (lib/auth).
    '--noAuth',
    `--param=mongodbDb=${options.dbName}`,
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(process.execPath, args, {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);

  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const watch = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-200_000);
      // The tail: the marker may straddle two chunks.
      if (output.slice(-chunk.length - 200).includes('Server ready')) resolve();
    };
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
    void exited.then((code) =>
      reject(
        new Error(
          `serverless offline exited (${code}) before it was ready:\n${output.slice(-4000)}`,
        ),
      ),
    );
  });
  if (options.echo ?? true) {
    child.stdout?.pipe(process.stdout, { end: false });
    child.stderr?.pipe(process.stderr, { end: false });
  }

  const stop = async (graceMs = 10_000): Promise<number | string> => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };
  return { child, ready, exited, stop, output: () => output };
}
