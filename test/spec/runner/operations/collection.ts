import type { Collection, Document } from 'mongodb';
import { createChangeStream } from './change-stream.ts';
import type { OperationHandler } from './context.ts';

async function names(cursor: { toArray(): Promise<Document[]> }): Promise<unknown[]> {
  return (await cursor.toArray()).map((doc) => doc.name);
}

/** Collection operations of the CRUD/index APIs, arguments mapped to the driver's signatures. */
export const collectionOperations: Readonly<Record<string, OperationHandler<Collection>>> =
  Object.freeze({
    aggregate: (c, { pipeline, ...options }) => c.aggregate(pipeline, options).toArray(),
    bulkWrite: (c, { requests, ...options }) => c.bulkWrite(requests, options),
    count: (c, { filter, ...options }) => c.count(filter, options),
    countDocuments: (c, { filter, ...options }) => c.countDocuments(filter, options),
    estimatedDocumentCount: (c, options) => c.estimatedDocumentCount(options),
    distinct: (c, { fieldName, filter, ...options }) =>
      c.distinct(fieldName, filter ?? {}, options),
    find: (c, { filter, ...options }) => c.find(filter, options).toArray(),
    findOne: (c, { filter, ...options }) => c.findOne(filter, options),
    createChangeStream: (c, args) => createChangeStream(c, args),
    createFindCursor: async (c, { filter, ...options }) => {
      const cursor = c.find(filter, options);
      // Runs `find` now (as the format requires) without consuming a document.
      await cursor.hasNext();
      return cursor;
    },
    insertOne: (c, { document, ...options }) => c.insertOne(document, options),
    insertMany: (c, { documents, ...options }) => c.insertMany(documents, options),
    updateOne: (c, { filter, update, ...options }) => c.updateOne(filter, update, options),
    updateMany: (c, { filter, update, ...options }) => c.updateMany(filter, update, options),
    replaceOne: (c, { filter, replacement, ...options }) =>
      c.replaceOne(filter, replacement, options),
    deleteOne: (c, { filter, ...options }) => c.deleteOne(filter, options),
    deleteMany: (c, { filter, ...options }) => c.deleteMany(filter, options),
    findOneAndUpdate: (c, { filter, update, ...options }) =>
      c.findOneAndUpdate(filter, update, options),
    findOneAndReplace: (c, { filter, replacement, ...options }) =>
      c.findOneAndReplace(filter, replacement, options),
    findOneAndDelete: (c, { filter, ...options }) => c.findOneAndDelete(filter, options),
    createIndex: (c, { keys, ...options }) => c.createIndex(keys, options),
    dropIndex: async (c, { name, ...options }) => {
      await c.dropIndex(name, options);
    },
    dropIndexes: async (c, options) => {
      await c.dropIndexes(options);
    },
    listIndexes: (c, options) => c.listIndexes(options).toArray(),
    listIndexNames: (c, options) => names(c.listIndexes(options)),
    rename: async (c, { to, ...options }) => {
      await c.rename(to, options);
    },
  });
