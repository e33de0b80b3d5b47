import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { TokenKeys } from '#lib/config/auth.ts';

/** Why a token was refused, in words safe to send back (RFC 6750 error_description). */
export class TokenRejected extends Error {
  override readonly name = 'TokenRejected';
}

// Asymmetric algorithms only for a JWKS, so a key's public half can never act as an HMAC secret.
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

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
  let key: Uint8Array | JWTVerifyGetKey;
  let algorithms: string[];
  if (keys.kind === 'jwks') {
    key = createRemoteJWKSet(new URL(keys.jwksUrl), { timeoutDuration: 2_000 });
    algorithms = JWKS_ALGORITHMS;
  } else {
    key = new TextEncoder().encode(keys.secret);
    algorithms = ['HS256'];
  }
  return async (token) => {
    try {
      const verified =
        typeof key === 'function'
          ? await jwtVerify(token, key, { ...options, algorithms })
          : await jwtVerify(token, key, { ...options, algorithms });
      return verified.payload;
    } catch (error) {
      throw new TokenRejected(describe(error), { cause: error });
    }
  };
}

function describe(error: unknown): string {
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
