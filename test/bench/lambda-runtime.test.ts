import { describe, expect, it } from 'vitest';
import { deployedLambdaNodeArgs, lambdaNodeArgs } from '#bench/support/lambda-runtime.ts';

// The bench's execution environments start node as the Lambda Node.js runtime does.
describe('lambdaNodeArgs', () => {
  it('sizes the heap from the memory as the runtime bootstrap does', () => {
    expect(lambdaNodeArgs(1024)).toEqual([
      '--expose-gc',
      '--max-http-header-size=81920',
      '--max-semi-space-size=51',
      '--max-old-space-size=922',
    ]);
    expect(lambdaNodeArgs(128)).toContain('--max-semi-space-size=6');
    expect(lambdaNodeArgs(128)).toContain('--max-old-space-size=116');
    expect(lambdaNodeArgs(10_240)).toContain('--max-semi-space-size=512');
  });

  it('rejects a memory size Lambda does not accept', () => {
    expect(() => lambdaNodeArgs(64)).toThrow(/at least 128/);
    expect(() => lambdaNodeArgs(1024.5)).toThrow(/integer/);
  });

  it("reads serverless.yml's provider.memorySize", async () => {
    const args = await deployedLambdaNodeArgs();
    expect(args).toEqual(lambdaNodeArgs(1024));
  });
});
