export { type Config, ConfigError, type NamedConnection, parseConfig } from './config.ts';
export { getConfig } from './current.ts';
export { DEV_CURSOR_SECRET, type Env, EnvSchema } from './schema.ts';
