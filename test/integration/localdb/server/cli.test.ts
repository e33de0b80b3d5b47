import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { MongoClient } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';

/** Starts `npm run db`'s script directly (npm would add its own process in between). */
function startCli(args: string[]): {
  child: ChildProcess;
  uri: Promise<string>;
  output: () => string;
} {
  const child = spawn(process.execPath, ['localdb/cli.ts', ...args], {
    cwd: process.cwd(),
    env: { ...process.env, LOCALDB_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const uri = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^mongodb:\/\/\S+$/m.exec(output);
      if (match) resolve(match[0]);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`localdb cli exited (${code}): ${output}`)));
  });
  return { child, uri, output: () => output };
}

describe('npm run db (localdb/cli.ts)', () => {
  let running: ChildProcess | undefined;
  afterEach(() => {
    if (running && running.exitCode === null) running.kill('SIGKILL');
  });

  it('prints a working connection string and stops cleanly on SIGTERM', async () => {
    const cli = startCli(['--in-memory']);
    running = cli.child;
    const uri = await cli.uri;
    expect(uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/\?replicaSet=localdb$/);
    expect(uri).not.toMatch(/:0\//);
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
    try {
      expect((await client.db('admin').command({ ping: 1 })).ok).toBe(1);
    } finally {
      await client.close();
    }
    const exited = once(cli.child, 'exit');
    cli.child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(cli.output()).toMatch(/SIGTERM received, stopping/);
  });

  it('refuses an invalid port with exit code 2', async () => {
    const cli = startCli(['--port', 'abc']);
    running = cli.child;
    const [code] = await once(cli.child, 'exit');
    expect(code).toBe(2);
    expect(cli.output()).toMatch(/invalid port 'abc'/);
    await cli.uri.catch(() => undefined);
  });

  it('prints its usage for --help, and for an unknown flag the flag and the usage, no stack', async () => {
    for (const [args, exitCode] of [
      [['--help'], 0],
      [['--bogus'], 2],
    ] as const) {
      const cli = startCli([...args]);
      running = cli.child;
      const [code] = await once(cli.child, 'exit');
      expect([args[0], code]).toEqual([args[0], exitCode]);
      expect(cli.output()).toMatch(/Usage: npm run db -- \[options\][\s\S]*--in-memory/);
      expect(cli.output()).not.toMatch(/\bat \S+ \(/);
      await cli.uri.catch(() => undefined);
    }
  });
});
