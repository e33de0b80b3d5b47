import { describe, expect, it } from 'vitest';
import { freePort, runStartToExit } from './start-api.ts';

// `npm start` pointed at a MongoDB that is not there: it must say so without printing the
// password, and exit non-zero instead of serving an API that cannot work.
describe('npm start with an unreachable MONGODB_URI', () => {
  it('masks the credentials, fails the start-up and exits 1', async () => {
    const password = 'pw-never-printed-9f3a';
    const dbPort = await freePort();
    const { code, output } = await runStartToExit({
      ...process.env,
      PORT: String(await freePort()),
      LAMBDA_PORT: String(await freePort()),
      MONGODB_URI: `mongodb://alice:${password}@127.0.0.1:${dbPort}/?directConnection=true`,
    });
    expect(code).toBe(1);
    expect(output).toContain(`Database: mongodb://<credentials>@127.0.0.1:${dbPort}/`);
    expect(output).toContain('Could not set up database');
    expect(output.includes(password)).toBe(false);
    expect(output.includes('alice')).toBe(false);
  }, 90_000);
});
