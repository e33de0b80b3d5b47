import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_CURSOR_SECRET, parseConfig } from '#lib/config/index.ts';

const URI = 'mongodb://app:s3cr3t-pa55@db.example.net:27017/?authSource=admin';
const base = { MONGODB_URI: URI, MONGODB_DB: 'app' };

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('applies Lambda-fit defaults', () => {
    const config = parseConfig(base);
    expect(config).toEqual({
      uriSource: { kind: 'env', uri: URI },
      dbName: 'app',
      appName: 'lambda-mongo-kit',
      maxPoolSize: 3,
      minPoolSize: 0,
      maxIdleTimeMS: 60_000,
      serverSelectionTimeoutMS: 3_000,
      connectTimeoutMS: 3_000,
      timeoutMarginMs: 500,
      maxBodyBytes: 16_384,
      corsOrigins: ['*'],
      cursorSecret: DEV_CURSOR_SECRET,
      connections: {},
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every variable', () => {
    const config = parseConfig({
      ...base,
      MONGODB_MAX_POOL_SIZE: '5',
      MONGODB_MIN_POOL_SIZE: '1',
      MONGODB_MAX_IDLE_TIME_MS: '1000',
      MONGODB_SERVER_SELECTION_TIMEOUT_MS: '250',
      MONGODB_CONNECT_TIMEOUT_MS: '400',
      MONGODB_TIMEOUT_MARGIN_MS: '50',
      HTTP_MAX_BODY_BYTES: '100',
      CORS_ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:5173',
      AWS_LAMBDA_FUNCTION_NAME: 'users-create',
    });
    expect(config).toMatchObject({
      maxPoolSize: 5,
      minPoolSize: 1,
      maxIdleTimeMS: 1000,
      serverSelectionTimeoutMS: 250,
      connectTimeoutMS: 400,
      timeoutMarginMs: 50,
      maxBodyBytes: 100,
      corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
      appName: 'users-create',
    });
  });

  it('takes * or origins for CORS_ALLOWED_ORIGINS, nothing with a path or another scheme', () => {
    for (const bad of [
      'https://app.example.com/',
      'ftp://files.example.com',
      'app.example.com',
      '*,',
    ]) {
      expect(configError({ ...base, CORS_ALLOWED_ORIGINS: bad }).variables, bad).toEqual([
        'CORS_ALLOWED_ORIGINS',
      ]);
    }
  });

  it('uses the SSM parameter when MONGODB_URI is unset', () => {
    const config = parseConfig({
      MONGODB_URI_SSM_PARAMETER: '/app/prod/mongodb-uri',
      MONGODB_URI_SSM_CACHE_TTL_MS: '60000',
      MONGODB_DB: 'app',
    });
    expect(config.uriSource).toEqual({
      kind: 'ssm',
      parameter: '/app/prod/mongodb-uri',
      ttlMs: 60_000,
    });
  });

  it('prefers MONGODB_URI over the SSM parameter and treats empty strings as unset', () => {
    expect(parseConfig({ ...base, MONGODB_URI_SSM_PARAMETER: '/x' }).uriSource.kind).toBe('env');
    expect(configError({ MONGODB_URI: '', MONGODB_DB: 'app' }).variables).toEqual(['MONGODB_URI']);
  });

  it.each([
    [{ MONGODB_DB: 'app' }, 'MONGODB_URI', /MONGODB_URI or MONGODB_URI_SSM_PARAMETER must be set/],
    [{ MONGODB_URI: URI }, 'MONGODB_DB', /MONGODB_DB is required/],
    [{ ...base, MONGODB_URI: 'http://db:27017' }, 'MONGODB_URI', /mongodb:\/\//],
    [{ ...base, MONGODB_DB: 'a/b' }, 'MONGODB_DB', /database name/],
    [{ ...base, MONGODB_MAX_POOL_SIZE: 'ten' }, 'MONGODB_MAX_POOL_SIZE', /MONGODB_MAX_POOL_SIZE/],
    [{ ...base, MONGODB_MAX_POOL_SIZE: '0' }, 'MONGODB_MAX_POOL_SIZE', /MONGODB_MAX_POOL_SIZE/],
    [{ ...base, MONGODB_MIN_POOL_SIZE: '-1' }, 'MONGODB_MIN_POOL_SIZE', /MONGODB_MIN_POOL_SIZE/],
    [
      { ...base, MONGODB_MIN_POOL_SIZE: '9' },
      'MONGODB_MIN_POOL_SIZE',
      /must not exceed MONGODB_MAX_POOL_SIZE/,
    ],
    [
      { ...base, MONGODB_MAX_IDLE_TIME_MS: '1.5' },
      'MONGODB_MAX_IDLE_TIME_MS',
      /MONGODB_MAX_IDLE_TIME_MS/,
    ],
    [
      { ...base, MONGODB_SERVER_SELECTION_TIMEOUT_MS: 'x' },
      'MONGODB_SERVER_SELECTION_TIMEOUT_MS',
      /SELECTION/,
    ],
    [{ ...base, MONGODB_CONNECT_TIMEOUT_MS: '0' }, 'MONGODB_CONNECT_TIMEOUT_MS', /CONNECT_TIMEOUT/],
    [{ ...base, MONGODB_TIMEOUT_MARGIN_MS: '-5' }, 'MONGODB_TIMEOUT_MARGIN_MS', /MARGIN/],
    [{ ...base, HTTP_MAX_BODY_BYTES: 'big' }, 'HTTP_MAX_BODY_BYTES', /HTTP_MAX_BODY_BYTES/],
    [
      { MONGODB_URI_SSM_PARAMETER: 'no spaces!', MONGODB_DB: 'a' },
      'MONGODB_URI_SSM_PARAMETER',
      /SSM parameter/,
    ],
    [
      { MONGODB_URI_SSM_PARAMETER: '/a', MONGODB_URI_SSM_CACHE_TTL_MS: 'soon', MONGODB_DB: 'a' },
      'MONGODB_URI_SSM_CACHE_TTL_MS',
      /TTL/,
    ],
  ])('rejects %o naming %s', (env, variable, message) => {
    const error = configError(env);
    expect(error.variables).toContain(variable);
    expect(error.message).toMatch(message);
  });

  it('names every bad variable at once', () => {
    const error = configError({ MONGODB_MAX_POOL_SIZE: 'x' });
    expect(error.variables).toEqual(
      expect.arrayContaining(['MONGODB_URI', 'MONGODB_DB', 'MONGODB_MAX_POOL_SIZE']),
    );
  });

  it('never echoes the connection string or its password', () => {
    const bad = 'mongodb://app:s3cr3t-pa55@'; // host missing
    for (const env of [
      { MONGODB_URI: `${bad} x`, MONGODB_DB: 'app' },
      { MONGODB_URI: URI, MONGODB_DB: 'bad/name', MONGODB_MAX_POOL_SIZE: 's3cr3t-pa55' },
    ]) {
      const error = configError(env);
      expect(error.message).not.toContain('s3cr3t-pa55');
      expect(JSON.stringify(error)).not.toContain('s3cr3t-pa55');
    }
  });

  it('reads named connections from MONGODB_<NAME>_URI / MONGODB_<NAME>_DB', () => {
    const config = parseConfig({
      ...base,
      MONGODB_ARCHIVE_URI: 'mongodb://archive.example.net:27017',
      MONGODB_ARCHIVE_DB: 'old',
      PAGINATION_CURSOR_SECRET: 'a-secret-of-some-length',
    });
    expect(config.connections).toEqual({
      archive: { uri: 'mongodb://archive.example.net:27017', dbName: 'old' },
    });
    expect(config.cursorSecret).toBe('a-secret-of-some-length');
  });

  it('rejects a named connection without its database or with a bad URI, never echoing it', () => {
    const error = configError({ ...base, MONGODB_ARCHIVE_URI: 'http://app:s3cr3t-pa55@x' });
    expect(error.variables).toEqual(['MONGODB_ARCHIVE_URI', 'MONGODB_ARCHIVE_DB']);
    expect(error.message).not.toContain('s3cr3t-pa55');
    expect(configError({ ...base, PAGINATION_CURSOR_SECRET: 'short' }).variables).toEqual([
      'PAGINATION_CURSOR_SECRET',
    ]);
  });
});
