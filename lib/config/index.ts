export { type Config, ConfigError, parseConfig } from './config.ts';
export { getConfig } from './current.ts';
export { type Env, EnvSchema } from './schema.ts';
