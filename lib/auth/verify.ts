import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { TokenKeys } from '#lib/config/auth.ts';

/** Why a token was refused, in words safe to send back (RFC 6750 error_description). */
export class TokenRejected extends Error {
  override readonly name = 'TokenRejected';
}

// Asymmetric algorithms only for a JWKS, so a key's public half can never act as an HMAC secret.
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

type Jose = typeof import('./jose.ts');
// Loaded at the first token to check, not at cold start (routes without a token never load it).
let jose: Promise<Jose> | undefined;
const loadJose = () => {
  jose ??= import('./jose.ts');
  return jose;
};

/**
 * A verifier for the configured keys: signature, issuer, audience, `exp` (required) and `nbf`
 * through jose. The remote key set is fetched once and cached by jose across invocations.
 */
export function tokenVerifier(keys: TokenKeys): TokenVerifier {
  const options = {
    issuer: keys.issuer,
    audience: keys.audience,
    requiredClaims: ['exp'],
    clockTolerance: 5,
  };
  let key: Uint8Array | JWTVerifyGetKey | undefined;
  const algorithms = keys.kind === 'jwks' ? JWKS_ALGORITHMS : ['HS256'];
  return async (token) => {
    const { createRemoteJWKSet, errors, jwtVerify } = await loadJose();
    // One key (and one cached remote key set) per verifier, built on its first token.
    key ??=
      keys.kind === 'jwks'
        ? createRemoteJWKSet(new URL(keys.jwksUrl), { timeoutDuration: 2_000 })
        : new TextEncoder().encode(keys.secret);
    try {
      const verified =
        typeof key === 'function'
          ? await jwtVerify(token, key, { ...options, algorithms })
          : await jwtVerify(token, key, { ...options, algorithms });
      return verified.payload;
    } catch (error) {
      throw new TokenRejected(describe(errors, error), { cause: error });
    }
  };
}

function describe(errors: Jose['errors'], error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `The token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'The token signature is invalid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The token algorithm is not accepted';
  if (error instanceof errors.JWKSNoMatchingKey) return 'No key of the issuer matches the token';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return "The issuer's keys could not be fetched";
  }
  return 'The token is malformed';
}
