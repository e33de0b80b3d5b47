/**
 * The scopes a token grants. OAuth 2 access tokens carry them as a space-separated `scope`
 * claim (Cognito, Auth0, RFC 8693); some issuers use an `scp` array or string instead.
 */
export function scopesOf(claims: Readonly<Record<string, unknown>>): string[] {
  const found: string[] = [];
  for (const claim of [claims.scope, claims.scp]) {
    if (typeof claim === 'string') found.push(...claim.split(' '));
    else if (Array.isArray(claim)) found.push(...claim.filter((s) => typeof s === 'string'));
  }
  return [...new Set(found.filter((s) => s.length > 0))];
}

/** Scopes API Gateway's JWT authorizer forwards (`scopes`, else the `scope` claim it parsed). */
export function gatewayScopes(jwt: {
  readonly scopes?: readonly string[] | null;
  readonly claims?: Readonly<Record<string, unknown>>;
}): string[] {
  if (Array.isArray(jwt.scopes) && jwt.scopes.length > 0) return [...jwt.scopes];
  return scopesOf(jwt.claims ?? {});
}
