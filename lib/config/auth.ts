import * as z from 'zod/mini';
import { ConfigError } from './config.ts';
import { type ConfigIssue, parseVariables } from './env-variables.ts';
import './zod-locale.ts';

/**
 * Access settings (lib/auth), parsed apart from the database Config so each can be read and
 * tested on its own. lib/config/README.md documents every variable.
 */

/** Documented development key: public, so it is refused wherever a deployed stage could use it. */
export const DEV_AUTH_SECRET = 'lambda-mongo-kit-development-signing-key-not-secret';
export const DEV_AUTH_ISSUER = 'urn:lambda-mongo-kit:dev';
export const DEV_AUTH_AUDIENCE = 'lambda-mongo-kit';
export const DEFAULT_WRITE_SCOPE = 'api/write';

/** How tokens are checked: a JWKS of a real issuer, or the HS256 development key. */
export type TokenKeys =
  | {
      readonly kind: 'jwks';
      readonly jwksUrl: string;
      readonly issuer: string;
      readonly audience: string;
    }
  | {
      readonly kind: 'dev';
      readonly secret: string;
      readonly issuer: string;
      readonly audience: string;
    };

export interface AuthConfig {
  /** `off` skips every check (local development only; refused in AWS Lambda). */
  readonly mode: 'jwt' | 'off';
  /** Whether GET routes need a valid token too. */
  readonly reads: 'public' | 'token';
  readonly writeScope: string;
  readonly keys: TokenKeys;
  /**
   * True in a real Lambda (not serverless-offline): API Gateway's JWT authorizer has already
   * verified a token it forwards in requestContext.authorizer.jwt, so only scopes are checked.
   */
  readonly trustGateway: boolean;
}

const httpUrl = () => z.optional(z.url({ protocol: /^https?$/ }));
const AuthEnvSchema = z.object({
  AUTH_MODE: z._default(z.enum(['jwt', 'off']), 'jwt'),
  AUTH_READS: z._default(z.enum(['public', 'token']), 'public'),
  AUTH_WRITE_SCOPE: z._default(
    z.string().check(z.regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'must be one OAuth scope token')),
    DEFAULT_WRITE_SCOPE,
  ),
  AUTH_ISSUER: httpUrl(),
  AUTH_AUDIENCE: z.optional(z.string().check(z.minLength(1))),
  AUTH_JWKS_URL: httpUrl(),
  AUTH_DEV_SECRET: z.optional(z.string().check(z.minLength(32, 'must be at least 32 characters'))),
  // Set by the Lambda runtime (not by serverless-offline, which sets IS_OFFLINE instead).
  AWS_EXECUTION_ENV: z.optional(z.string()),
  IS_OFFLINE: z.optional(z.string()),
});

/** Parses the access settings; throws ConfigError naming each bad variable (never its value). */
export function parseAuthConfig(env: Readonly<Record<string, string | undefined>>): AuthConfig {
  const { data: e, issues: invalid } = parseVariables(AuthEnvSchema, env);
  if (!e) throw new ConfigError(invalid);
  const deployed =
    e.AWS_EXECUTION_ENV?.startsWith('AWS_Lambda') === true && e.IS_OFFLINE !== 'true';
  const issues: ConfigIssue[] = [];
  if (e.AUTH_MODE === 'off' && deployed) {
    issues.push({ variable: 'AUTH_MODE', message: 'off is only allowed outside AWS Lambda' });
  }
  if (e.AUTH_ISSUER && !e.AUTH_AUDIENCE) {
    issues.push({ variable: 'AUTH_AUDIENCE', message: 'is required with AUTH_ISSUER' });
  }
  if ((e.AUTH_AUDIENCE || e.AUTH_JWKS_URL) && !e.AUTH_ISSUER) {
    issues.push({
      variable: 'AUTH_ISSUER',
      message: 'is required with AUTH_AUDIENCE/AUTH_JWKS_URL',
    });
  }
  if (e.AUTH_ISSUER && e.AUTH_DEV_SECRET) {
    issues.push({ variable: 'AUTH_DEV_SECRET', message: 'must not be set with AUTH_ISSUER' });
  }
  if (!e.AUTH_ISSUER && deployed && e.AUTH_MODE === 'jwt') {
    issues.push({
      variable: 'AUTH_ISSUER',
      message: 'is required in AWS Lambda (the development key is never used there)',
    });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  const keys: TokenKeys = e.AUTH_ISSUER
    ? {
        kind: 'jwks',
        issuer: e.AUTH_ISSUER,
        audience: e.AUTH_AUDIENCE as string,
        // Cognito, Auth0 and most OIDC issuers publish their keys here.
        jwksUrl: e.AUTH_JWKS_URL ?? `${e.AUTH_ISSUER.replace(/\/$/, '')}/.well-known/jwks.json`,
      }
    : {
        kind: 'dev',
        secret: e.AUTH_DEV_SECRET ?? DEV_AUTH_SECRET,
        issuer: DEV_AUTH_ISSUER,
        audience: DEV_AUTH_AUDIENCE,
      };
  return Object.freeze({
    mode: e.AUTH_MODE,
    reads: e.AUTH_READS,
    writeScope: e.AUTH_WRITE_SCOPE,
    keys: Object.freeze(keys),
    trustGateway: deployed,
  });
}

let cached: AuthConfig | undefined;

/** The container's access settings, parsed from process.env on first use (cold start). */
export function getAuthConfig(): AuthConfig {
  cached ??= parseAuthConfig(process.env);
  return cached;
}
