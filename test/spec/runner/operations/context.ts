import type { Document, MongoClient } from 'mongodb';
import type { EntityMap } from '../entities.ts';
import type { FailPoints } from '../fail-points.ts';
import type { Operation } from '../types.ts';
import type { ClientUris } from '../uris.ts';

/** What an operation handler can reach besides its target entity and arguments. */
export interface OperationContext {
  readonly entities: EntityMap;
  /** The runner's internal client (assertions on collections, indexes). */
  readonly internal: MongoClient;
  readonly failPoints: FailPoints;
  /** Connection strings for new client entities. */
  readonly uris: ClientUris;
  /** Runs a nested operation with full expectation handling (withTransaction callbacks). */
  readonly runOperation: (operation: Operation) => Promise<void>;
}

export type OperationHandler<T> = (
  target: T,
  args: Document,
  context: OperationContext,
) => Promise<unknown>;
