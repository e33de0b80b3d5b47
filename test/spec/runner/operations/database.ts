import type { Db, Document } from 'mongodb';
import type { OperationHandler } from './context.ts';

async function names(cursor: { toArray(): Promise<Document[]> }): Promise<unknown[]> {
  return (await cursor.toArray()).map((doc) => doc.name);
}

/** Database operations. */
export const databaseOperations: Readonly<Record<string, OperationHandler<Db>>> = Object.freeze({
  aggregate: (db, { pipeline, ...options }) => db.aggregate(pipeline, options).toArray(),
  // `commandName` only exists for languages without ordered maps.
  runCommand: (db, { command, commandName: _name, ...options }) => db.command(command, options),
  runCursorCommand: (db, { command, commandName: _name, ...options }) =>
    db.runCursorCommand(command, options).toArray(),
  createCollection: async (db, { collection, ...options }) => {
    await db.createCollection(collection, options);
  },
  dropCollection: async (db, { collection, ...options }) => {
    await db.dropCollection(collection, options);
  },
  listCollections: (db, { filter, ...options }) => db.listCollections(filter, options).toArray(),
  listCollectionObjects: (db, { filter, ...options }) =>
    db.listCollections(filter, options).toArray(),
  listCollectionNames: (db, { filter, ...options }) => names(db.listCollections(filter, options)),
});
