import type { Access } from '#lib/auth/middleware.ts';
import type { JsonSchema } from '#lib/model/json-schema.ts';

/** How the document describes access; from lib/config/auth.ts (AUTH_READS, AUTH_WRITE_SCOPE). */
export interface SecurityOptions {
  readonly reads: 'public' | 'token';
  readonly writeScope: string;
}

export const BEARER = 'bearerAuth';

export const SECURITY_SCHEMES = Object.freeze({
  [BEARER]: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A JWT from the stage’s issuer (AUTH_ISSUER/AUTH_AUDIENCE; locally `npm run token -- --write`). ' +
      'Writes need the write scope (AUTH_WRITE_SCOPE, default api/write). Reads are public unless ' +
      'the stage sets AUTH_READS=token, in which case any valid token may read.',
  },
});

const problemWithChallenge = (description: string) => ({
  description,
  headers: {
    'WWW-Authenticate': { description: 'RFC 6750 Bearer challenge', schema: { type: 'string' } },
  },
  content: {
    'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
  },
});

export const SECURITY_RESPONSES = Object.freeze({
  Unauthorized: problemWithChallenge('No, a malformed, or an invalid bearer token'),
  Forbidden: problemWithChallenge('The token lacks the write scope'),
});

/** The operation's `security` and the 401/403 answers that come with it. */
export function operationSecurity(
  access: Access,
  options: SecurityOptions,
): { security: JsonSchema[]; responses: Record<string, JsonSchema> } {
  if (access === 'write') {
    return {
      security: [{ [BEARER]: [options.writeScope] }],
      responses: {
        401: { $ref: '#/components/responses/Unauthorized' },
        403: { $ref: '#/components/responses/Forbidden' },
      },
    };
  }
  if (access === 'read' && options.reads === 'token') {
    return {
      security: [{ [BEARER]: [] }],
      responses: { 401: { $ref: '#/components/responses/Unauthorized' } },
    };
  }
  return { security: [], responses: {} };
}
