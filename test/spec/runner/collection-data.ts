import {
  type MongoClient,
  MongoServerError,
  ReadConcern,
  ReadPreference,
  WriteConcern,
} from 'mongodb';
import type { MatchEntities } from './match.ts';
import { assertMatches } from './match.ts';
import type { CollectionData } from './types.ts';

const MAJORITY = Object.freeze({ writeConcern: new WriteConcern('majority') });
const NAMESPACE_NOT_FOUND = 26;

/** initialData: drop, (create), insert — through the internal client with majority write concern. */
export async function loadInitialData(
  internal: MongoClient,
  data: readonly CollectionData[] = [],
): Promise<void> {
  for (const { databaseName, collectionName, createOptions, documents } of data) {
    const db = internal.db(databaseName);
    const failed = (step: string, error: unknown) =>
      new Error(
        `initialData: ${step} ${databaseName}.${collectionName} failed: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    try {
      await db.dropCollection(collectionName, MAJORITY);
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND))
        throw failed('drop', error);
    }
    try {
      if (createOptions || documents.length === 0) {
        await db.createCollection(collectionName, { ...createOptions, ...MAJORITY });
      }
      if (documents.length > 0)
        await db.collection(collectionName).insertMany([...documents], MAJORITY);
    } catch (error) {
      throw failed('load', error);
    }
  }
}

/** outcome: each collection holds exactly the expected documents (sorted by _id, numbers compared by value). */
export async function assertOutcome(
  internal: MongoClient,
  outcome: readonly CollectionData[],
  entities: MatchEntities,
): Promise<void> {
  for (const { databaseName, collectionName, documents } of outcome) {
    const actual = await internal
      .db(databaseName)
      .collection(collectionName)
      .find(
        {},
        {
          sort: { _id: 1 },
          readPreference: ReadPreference.primary,
          readConcern: new ReadConcern('local'),
        },
      )
      .toArray();
    assertMatches(documents, actual, entities, {
      path: `outcome ${databaseName}.${collectionName}`,
    });
  }
}
