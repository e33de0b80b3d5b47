import type { MongoClientOptions } from 'mongodb';
import type { Config } from '#lib/config/index.ts';

/**
 * Lambda-fit pool: one container serves one request at a time, so a small pool, no idle
 * minimum and a short idle time keep Atlas connection counts low across many containers;
 * a short server selection timeout turns an unreachable cluster into a fast 503.
 */
export function mongoClientOptions(config: Config): MongoClientOptions {
  return {
    appName: config.appName,
    maxPoolSize: config.maxPoolSize,
    minPoolSize: config.minPoolSize,
    maxIdleTimeMS: config.maxIdleTimeMS,
    serverSelectionTimeoutMS: config.serverSelectionTimeoutMS,
    connectTimeoutMS: config.connectTimeoutMS,
  };
}
