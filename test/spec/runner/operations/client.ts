import type { ClientEntity } from '../entities.ts';
import { createChangeStream } from './change-stream.ts';
import { clientBulkWrite } from './client-bulk-write.ts';
import type { OperationHandler } from './context.ts';

/** Client operations. */
export const clientOperations: Readonly<Record<string, OperationHandler<ClientEntity>>> =
  Object.freeze({
    listDatabases: async ({ client }, options) =>
      (await client.db('admin').admin().listDatabases(options)).databases,
    listDatabaseObjects: async ({ client }, options) =>
      (await client.db('admin').admin().listDatabases(options)).databases,
    listDatabaseNames: async ({ client }, options) =>
      (await client.db('admin').admin().listDatabases(options)).databases.map((db) => db.name),
    clientBulkWrite: ({ client }, args) => clientBulkWrite(client, args),
    createChangeStream: ({ client }, args) => createChangeStream(client, args),
  });
