import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_WRITE_SCOPE,
  DEV_AUTH_SECRET,
  parseAuthConfig,
} from '#lib/config/index.ts';

const LAMBDA = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' };
const ISSUER = { AUTH_ISSUER: 'https://issuer.example/pool', AUTH_AUDIENCE: 'client-1' };

const variables = (env: Record<string, string>) => {
  try {
    parseAuthConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.variables;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('parseAuthConfig', () => {
  it('defaults to JWT writes, public reads and the development key outside Lambda', () => {
    expect(parseAuthConfig({})).toEqual({
      mode: 'jwt',
      reads: 'public',
      writeScope: DEFAULT_WRITE_SCOPE,
      keys: {
        kind: 'dev',
        secret: DEV_AUTH_SECRET,
        issuer: expect.any(String),
        audience: expect.any(String),
      },
      trustGateway: false,
    });
  });

  it('uses the issuer JWKS (default path) once AUTH_ISSUER is set', () => {
    const config = parseAuthConfig({ ...ISSUER, ...LAMBDA });
    expect(config.keys).toEqual({
      kind: 'jwks',
      issuer: ISSUER.AUTH_ISSUER,
      audience: 'client-1',
      jwksUrl: 'https://issuer.example/pool/.well-known/jwks.json',
    });
    expect(config.trustGateway).toBe(true);
  });

  it('never trusts the gateway context under serverless-offline', () => {
    expect(parseAuthConfig({ ...LAMBDA, IS_OFFLINE: 'true' }).trustGateway).toBe(false);
  });

  it.each([
    ['no issuer in Lambda', LAMBDA, ['AUTH_ISSUER']],
    ['AUTH_MODE=off in Lambda', { ...LAMBDA, ...ISSUER, AUTH_MODE: 'off' }, ['AUTH_MODE']],
    ['issuer without audience', { AUTH_ISSUER: ISSUER.AUTH_ISSUER }, ['AUTH_AUDIENCE']],
    ['audience without issuer', { AUTH_AUDIENCE: 'x' }, ['AUTH_ISSUER']],
    [
      'dev secret with an issuer',
      { ...ISSUER, AUTH_DEV_SECRET: 'y'.repeat(40) },
      ['AUTH_DEV_SECRET'],
    ],
    ['short dev secret', { AUTH_DEV_SECRET: 'short' }, ['AUTH_DEV_SECRET']],
    ['unknown mode', { AUTH_MODE: 'none' }, ['AUTH_MODE']],
    ['non-http issuer', { AUTH_ISSUER: 'ftp://x', AUTH_AUDIENCE: 'a' }, ['AUTH_ISSUER']],
    ['scope with a space', { AUTH_WRITE_SCOPE: 'a b' }, ['AUTH_WRITE_SCOPE']],
  ])('refuses %s', (_name, env, expected) => {
    expect(variables(env as Record<string, string>)).toEqual(expected);
  });

  it('allows AUTH_MODE=off outside Lambda', () => {
    expect(parseAuthConfig({ AUTH_MODE: 'off' }).mode).toBe('off');
  });
});
