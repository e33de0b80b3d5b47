import { calculateObjectSize, type Document } from 'bson';
import { Query } from 'mingo/query';
import { queryOptions } from '../../query/query-options.ts';
import { toView } from '../../query/view.ts';
import type { CommandContext } from '../types.ts';
import { checkFields, optBoolean, optDocument } from './args.ts';
import { withMingo } from './mingo-errors.ts';

export function listDatabases(command: Document, context: CommandContext): Document {
  checkFields(command, 'listDatabases', ['nameOnly', 'filter', 'authorizedDatabases']);
  const nameOnly = optBoolean(command, 'listDatabases', 'nameOnly') ?? false;
  const filter = optDocument(command, 'listDatabases', 'filter') ?? {};
  const { engine } = context;
  const entries = engine.databaseNames().map((name) => {
    let sizeOnDisk = 0;
    for (const collection of engine.collections(name)) {
      for (const stored of collection.docs.values()) sizeOnDisk += calculateObjectSize(stored.doc);
    }
    return { name, sizeOnDisk, empty: sizeOnDisk === 0 };
  });
  const query = withMingo(() => new Query(toView(filter) as Document, queryOptions()));
  const databases = entries.filter((e) => query.test(e));
  if (nameOnly) return { databases: databases.map(({ name }) => ({ name })) };
  const totalSize = databases.reduce((sum, d) => sum + d.sizeOnDisk, 0);
  return { databases, totalSize, totalSizeMb: Math.floor(totalSize / (1024 * 1024)) };
}

export function dropDatabase(command: Document, context: CommandContext): Document {
  checkFields(command, 'dropDatabase', []);
  context.engine.dropDatabase(context.db);
  return { dropped: context.db };
}
