import type { Db, Document, RunCommandCursor } from 'mongodb';
import { createChangeStream } from './change-stream.ts';
import type { OperationHandler } from './context.ts';

async function names(cursor: { toArray(): Promise<Document[]> }): Promise<unknown[]> {
  return (await cursor.toArray()).map((doc) => doc.name);
}

/** batchSize/maxTimeMS/comment of a cursor command apply to its getMores, set on the cursor. */
function openCommandCursor(db: Db, command: Document, options: Document): RunCommandCursor {
  const { batchSize, maxTimeMS, comment, ...rest } = options;
  const cursor = db.runCursorCommand(command, rest);
  if (batchSize !== undefined) cursor.setBatchSize(batchSize);
  if (maxTimeMS !== undefined) cursor.setMaxTimeMS(maxTimeMS);
  if (comment !== undefined) cursor.setComment(comment);
  return cursor;
}

/** Database operations. */
export const databaseOperations: Readonly<Record<string, OperationHandler<Db>>> = Object.freeze({
  aggregate: (db, { pipeline, ...options }) => db.aggregate(pipeline, options).toArray(),
  createChangeStream: (db, args) => createChangeStream(db, args),
  // `commandName` only exists for languages without ordered maps.
  runCommand: (db, { command, commandName: _name, ...options }) => db.command(command, options),
  runCursorCommand: (db, { command, commandName: _name, ...options }) =>
    openCommandCursor(db, command, options).toArray(),
  createCommandCursor: async (db, { command, commandName: _name, ...options }) => {
    const cursor = openCommandCursor(db, command, options);
    // Runs the command now (as the format requires) without consuming a document.
    await cursor.hasNext();
    return cursor;
  },
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
