import * as z from 'zod/mini';
import './zod-locale.ts';

/**
 * Every environment variable the library reads, in one place. The README table in
 * lib/config/README.md mirrors this file; keep the two in step.
 */
const positiveInt = (fallback: number) =>
  z._default(z.coerce.number().check(z.int(), z.positive()), fallback);
const nonNegativeInt = (fallback: number) =>
  z._default(z.coerce.number().check(z.int(), z.nonnegative()), fallback);
const DB_NAME = /^[^/\\. "$*<>:|?]{1,63}$/;

/** `mongodb://` or `mongodb+srv://` only; the value itself is never echoed in an error. */
const mongoUri = z
  .string()
  .check(
    z.trim(),
    z.regex(
      /^mongodb(\+srv)?:\/\/\S+$/,
      'must be a mongodb:// or mongodb+srv:// connection string',
    ),
  );

/** Documented as a development default (lib/config/README.md); never rely on it in production. */
export const DEV_CURSOR_SECRET = 'lambda-mongo-kit-dev-cursor-secret';

/** `MONGODB_<NAME>_URI` / `MONGODB_<NAME>_DB`: extra named connections (seed 002's config prefix). */
export const CONNECTION_URI_VARIABLE = /^MONGODB_([A-Z][A-Z0-9]*)_URI$/;
export const connectionUri = mongoUri;
export const connectionDb = z
  .string()
  .check(z.trim(), z.regex(DB_NAME, 'must be a valid MongoDB database name'));

/** `*` or origins (scheme://host[:port]), comma-separated, as serverless.yml's corsAllowedOrigins. */
const ORIGIN = String.raw`(\*|https?://[^/\s,]+)`;
const corsOrigins = z
  .string()
  .check(
    z.regex(
      new RegExp(`^\\s*${ORIGIN}(\\s*,\\s*${ORIGIN})*\\s*$`),
      'must be * or origins such as https://app.example.com, comma-separated',
    ),
  );

/** One of MONGODB_URI / MONGODB_URI_SSM_PARAMETER is also required (checked in config.ts). */
export const EnvSchema = z.object({
  MONGODB_URI: z.optional(mongoUri),
  MONGODB_URI_SSM_PARAMETER: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.regex(/^(\/[\w.-]+)+$|^arn:aws:ssm:\S+$/, 'must be an SSM parameter name (/a/b) or ARN'),
      ),
  ),
  MONGODB_DB: connectionDb,
  MONGODB_MAX_POOL_SIZE: positiveInt(3),
  MONGODB_MIN_POOL_SIZE: nonNegativeInt(0),
  MONGODB_MAX_IDLE_TIME_MS: nonNegativeInt(60_000),
  MONGODB_SERVER_SELECTION_TIMEOUT_MS: positiveInt(3_000),
  MONGODB_CONNECT_TIMEOUT_MS: positiveInt(3_000),
  MONGODB_TIMEOUT_MARGIN_MS: nonNegativeInt(500),
  MONGODB_URI_SSM_CACHE_TTL_MS: nonNegativeInt(300_000),
  HTTP_MAX_BODY_BYTES: positiveInt(16_384),
  // Read behind a REST API only: an HTTP API answers CORS itself (README, "Behind a REST API").
  CORS_ALLOWED_ORIGINS: z._default(corsOrigins, '*'),
  AWS_LAMBDA_FUNCTION_NAME: z._default(
    z.string().check(z.trim(), z.minLength(1)),
    'lambda-mongo-kit',
  ),
  // Signs keyset pagination cursors. The default is for local runs and tests only: a deployed
  // stage must set its own secret, or clients could forge cursors.
  PAGINATION_CURSOR_SECRET: z._default(z.string().check(z.minLength(16)), DEV_CURSOR_SECRET),
});

export type Env = z.output<typeof EnvSchema>;
