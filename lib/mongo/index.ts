export { getMongoClient, mongoClientsCreated, resetMongoClient } from './client-cache.ts';
export { mongoClientOptions } from './client-options.ts';
export { DEFAULT_CONNECTION, namedDatabase } from './connections.ts';
export {
  msLeft,
  raceBudget,
  releaseBudget,
  type TimeBudget,
  timeBudget,
  withDeadline,
} from './deadline.ts';
export { DatabaseTimeoutError } from './errors.ts';
export { mongoDatabase } from './middleware.ts';
export { objectIdString } from './object-id.ts';
export { resolveUri, uriMiddlewares } from './uri-source.ts';
