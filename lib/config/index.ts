export {
  type AuthConfig,
  DEFAULT_WRITE_SCOPE,
  DEV_AUTH_AUDIENCE,
  DEV_AUTH_ISSUER,
  DEV_AUTH_SECRET,
  getAuthConfig,
  parseAuthConfig,
  type TokenKeys,
} from './auth.ts';
export { type Config, ConfigError, type NamedConnection, parseConfig } from './config.ts';
export { getConfig } from './current.ts';
export {
  getObservabilityConfig,
  LOG_LEVELS,
  type ObservabilityConfig,
  type ObservabilityLogLevel,
  parseObservabilityConfig,
} from './observability.ts';
export { DEV_CURSOR_SECRET, type Env, EnvSchema } from './schema.ts';
