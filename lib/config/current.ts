import { type Config, parseConfig } from './config.ts';

let cached: Config | undefined;

/**
 * The container's configuration, parsed from process.env on first use (at module init of a
 * handler, so bad config fails the cold start rather than a request). The only reader of process.env.
 */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
