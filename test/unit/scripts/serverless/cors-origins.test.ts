import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// serverless.yml resolves provider.httpApi.cors.allowedOrigins through this file.
type Resolver = (input: {
  resolveVariable: (name: string) => Promise<unknown>;
}) => Promise<string[]>;
const corsOrigins = createRequire(import.meta.url)(
  '../../../../scripts/serverless/cors-origins.cjs',
) as Resolver;

const resolve = (value: string) =>
  corsOrigins({
    resolveVariable: async (name) => {
      expect(name).toBe('param:corsAllowedOrigins');
      return value;
    },
  });

describe('scripts/serverless/cors-origins.cjs', () => {
  it('splits the param into the origins API Gateway takes', async () => {
    expect(await resolve('*')).toEqual(['*']);
    expect(await resolve(' https://app.example.com ,http://localhost:5173,')).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
    ]);
  });

  it.each(['', ' , ', 'app.example.com', 'https://app.example.com/', 'https://a.example.com/x'])(
    'refuses %j at package time, naming the param',
    async (value) => {
      await expect(resolve(value)).rejects.toThrow(/^corsAllowedOrigins: /);
    },
  );
});
