import type { AuthConfig } from '#lib/config/auth.ts';
import { ApiError } from '#lib/http/errors.ts';
import { headerOf } from '#lib/http/header.ts';
import { type ApiMiddleware, type ApiRequest, routeState } from '#lib/http/types.ts';
import { gatewayScopes, scopesOf } from './scopes.ts';
import { TokenRejected, type TokenVerifier, tokenVerifier } from './verify.ts';

/** What a route needs: nothing, any valid token (unless reads are public), or the write scope. */
export type Access = 'public' | 'read' | 'write';

const REALM = 'api';

function unauthorized(
  detail: string,
  error?: 'invalid_token' | 'invalid_request',
  cause?: unknown,
) {
  // RFC 6750 §3: no error code when the request simply had no credentials.
  const params = error ? `, error="${error}", error_description="${detail}"` : '';
  return new ApiError(401, detail, {
    type: 'unauthorized',
    headers: { 'WWW-Authenticate': `Bearer realm="${REALM}"${params}` },
    cause,
  });
}

function forbidden(scope: string) {
  return new ApiError(403, `The token lacks the scope ${scope}`, {
    type: 'insufficient-scope',
    headers: {
      'WWW-Authenticate': `Bearer realm="${REALM}", error="insufficient_scope", scope="${scope}"`,
    },
  });
}

function bearerToken(headers: Readonly<Record<string, string | undefined>> | undefined) {
  const value = headerOf(headers, 'authorization');
  if (value === undefined) return undefined;
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(value);
  if (!match?.[1])
    throw unauthorized('The Authorization header is not a bearer token', 'invalid_request');
  return match[1];
}

/** The token's subject and scopes, from API Gateway's verified claims or our own check. */
async function principal(request: ApiRequest, config: AuthConfig, verify: TokenVerifier) {
  const gateway = (
    request.event.requestContext as { authorizer?: { jwt?: Parameters<typeof gatewayScopes>[0] } }
  ).authorizer?.jwt;
  // Only a real Lambda behind API Gateway can trust this: offline, anyone could send it.
  if (config.trustGateway && gateway) {
    const subject = gateway.claims?.sub;
    return {
      subject: typeof subject === 'string' ? subject : undefined,
      scopes: gatewayScopes(gateway),
    };
  }
  const token = bearerToken(request.event.headers);
  if (token === undefined) throw unauthorized('A bearer token is required');
  try {
    const claims = await verify(token);
    return { subject: claims.sub, scopes: scopesOf(claims) };
  } catch (error) {
    if (error instanceof TokenRejected) throw unauthorized(error.message, 'invalid_token', error);
    throw error;
  }
}

/**
 * Access control of one route (first after the error boundary, so nothing else runs for an
 * anonymous caller): 401 with WWW-Authenticate without a valid bearer token, 403 without the
 * write scope. `AUTH_MODE=off` and public reads skip it.
 */
export function requireAccess(access: Access, config: AuthConfig): ApiMiddleware {
  const checked =
    config.mode === 'jwt' &&
    (access === 'write' || (access === 'read' && config.reads === 'token'));
  // middy refuses an empty middleware object, so an unchecked route gets a no-op.
  if (!checked) return { before: () => {} };
  const verify = tokenVerifier(config.keys);
  return {
    before: async (request) => {
      const who = await principal(request, config, verify);
      if (access === 'write' && !who.scopes.includes(config.writeScope)) {
        throw forbidden(config.writeScope);
      }
      routeState(request).principal = Object.freeze(who);
    },
  };
}
