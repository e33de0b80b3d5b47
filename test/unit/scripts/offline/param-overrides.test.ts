import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paramOverrides } from '#scripts/offline/param-overrides.ts';

describe('paramOverrides (npm start: the shell outranks serverless.yml params)', () => {
  it("turns the shell's AUTH_READS and CORS_ALLOWED_ORIGINS into serverless.yml's params", async () => {
    const args = await paramOverrides(
      {
        AUTH_READS: 'token',
        CORS_ALLOWED_ORIGINS: 'http://localhost:5173',
        MONGODB_DB: 'other',
        PATH: '/usr/bin',
      },
      ['MONGODB_DB'],
    );
    expect(args).toEqual([
      '--param=authReads=token',
      '--param=corsAllowedOrigins=http://localhost:5173',
    ]);
  });

  it('passes nothing for unset or empty variables, nor for values not taken from a param', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'params-'));
    try {
      const file = join(dir, 'serverless.yml');
      await writeFile(
        file,
        [
          'provider:',
          '  environment:',
          '    A: ${param:alpha}',
          '    B: ${param:beta}',
          '    C: fixed',
          "    D: ${param:delta, 'x'}",
        ].join('\n'),
      );
      expect(await paramOverrides({ A: '', C: 'c', D: 'd' }, [], file)).toEqual([]);
      expect(await paramOverrides({ A: 'a', B: 'b' }, ['B'], file)).toEqual(['--param=alpha=a']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
