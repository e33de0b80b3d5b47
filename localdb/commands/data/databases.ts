import { calculateObjectSize, type Document } from 'bson';
import { compileFilter } from '../../query/filter.ts';
import { withMingo } from '../../query/mingo-errors.ts';
import type { CommandContext } from '../types.ts';
import { checkFields, optBoolean, optDocument } from './args.ts';

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
  // An expression's errors surface when a document is tested, so the tests run inside too.
  const databases = withMingo(() => {
    const query = compileFilter(filter);
    return entries.filter((e) => query.test(e));
  });
  if (nameOnly) return { databases: databases.map(({ name }) => ({ name })) };
  const totalSize = databases.reduce((sum, d) => sum + d.sizeOnDisk, 0);
  return { databases, totalSize, totalSizeMb: Math.floor(totalSize / (1024 * 1024)) };
}

export function dropDatabase(command: Document, context: CommandContext): Document {
  checkFields(command, 'dropDatabase', []);
  context.engine.dropDatabase(context.db);
  return { dropped: context.db };
}
