import { describe, expect, it } from 'vitest';
import {
  gatewayScopes,
  mintDevToken,
  scopesOf,
  TokenRejected,
  tokenVerifier,
} from '#lib/auth/index.ts';
import { parseAuthConfig } from '#lib/config/index.ts';

describe('scopes', () => {
  it('reads the space-separated scope claim and the scp array', () => {
    expect(scopesOf({ scope: 'a  b api/write' })).toEqual(['a', 'b', 'api/write']);
    expect(scopesOf({ scp: ['x', 1, 'y'] })).toEqual(['x', 'y']);
    expect(scopesOf({ scope: 42 })).toEqual([]);
  });

  it('prefers the scopes API Gateway lists, else its parsed claims', () => {
    expect(gatewayScopes({ scopes: ['a'], claims: { scope: 'b' } })).toEqual(['a']);
    expect(gatewayScopes({ scopes: null, claims: { scope: 'b c' } })).toEqual(['b', 'c']);
  });
});

describe('tokenVerifier with the development key', () => {
  const verify = tokenVerifier(parseAuthConfig({}).keys);
  const reason = async (token: string) => {
    const error = await verify(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRejected);
    return (error as Error).message;
  };

  it('accepts what mintDevToken signs and returns its claims', async () => {
    const claims = await verify(await mintDevToken({ scopes: ['api/write'], subject: 'ann' }));
    expect(claims).toMatchObject({ sub: 'ann', scope: 'api/write' });
  });

  it('says why a token is refused, without echoing it', async () => {
    expect(await reason(await mintDevToken({ expiresIn: '-1m' }))).toMatch(/expired/);
    expect(await reason(await mintDevToken({ secret: 'z'.repeat(32) }))).toMatch(/signature/);
    expect(await reason(await mintDevToken({ audience: 'other' }))).toMatch(/aud/);
    expect(await reason(await mintDevToken({ issuer: 'other' }))).toMatch(/iss/);
    expect(await reason('abc')).toMatch(/malformed/);
  });
});
