import { MongoClient } from 'mongodb';
import { getConfig } from '#lib/config/index.ts';
import { describeError, logger } from '#lib/log/index.ts';
import { mongoClientOptions } from '#lib/mongo/client-options.ts';
import { setupDatabase } from './database.ts';

/**
 * `node lib/setup/cli.ts`: creates indexes in MONGODB_DB using MONGODB_URI (the SSM
 * variant is for Lambda; a deploy pipeline passes the URI directly).
 */
const config = getConfig();
if (config.uriSource.kind !== 'env') {
  logger.error('Database setup needs MONGODB_URI');
  process.exit(2);
}
const client = new MongoClient(config.uriSource.uri, mongoClientOptions(config));
try {
  await setupDatabase(client.db(config.dbName));
  logger.info('Database setup done', { db: config.dbName });
} catch (error) {
  logger.error('Database setup failed', describeError(error));
  process.exitCode = 1;
} finally {
  await client.close();
}
