import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { withMingo } from '../../query/mingo-errors.ts';
import { isPlainObject } from '../../query/paths.ts';
import { describeIndex, listedKey, parseIndexSpec } from '../../storage/index-spec.ts';
import { checkPartialFilter } from '../../storage/partial-filter.ts';
import type { CommandContext } from '../types.ts';
import { checkFields, collectionArg, optDocument, optInteger, requireArray } from './args.ts';

export function createIndexes(command: Document, context: CommandContext): Document {
  checkFields(command, 'createIndexes', [
    'indexes',
    'commitQuorum',
    'ignoreUnknownIndexOptions',
    'isTimeseriesNamespace',
  ]);
  const name = collectionArg(command, 'createIndexes');
  // An index without a collation takes its collection's default, as on mongod (a text index,
  // which takes only the simple collation, excepted).
  const inherited: unknown = context.engine.collection(context.db, name)?.options.collation;
  const specs = requireArray(command, 'createIndexes', 'indexes').map((raw) =>
    parseIndexSpec(
      inherited !== undefined &&
        isPlainObject(raw) &&
        raw.collation === undefined &&
        isPlainObject(raw.key) &&
        !Object.values(raw.key).includes('text')
        ? { ...raw, collation: inherited }
        : raw,
    ),
  );
  for (const spec of specs)
    if (spec.partialFilterExpression) checkPartialFilter(spec.partialFilterExpression);
  if (specs.length === 0)
    throw new CommandError('BadValue', 'Must specify at least one index to create');
  const { collection, created } = context.engine.ensureCollection(context.db, name);
  const numIndexesBefore = collection.indexSpecs().length;
  const made: string[] = [];
  try {
    for (const spec of specs) {
      if (spec.name === '_id_' || JSON.stringify(spec.key) === '{"_id":1}') continue;
      if (withMingo(() => collection.createIndex(spec)) === 'created') made.push(spec.name);
    }
  } catch (error) {
    // All or nothing, as MongoDB builds the listed indexes together.
    for (const indexName of made) collection.indexes.delete(indexName);
    throw error;
  }
  const reply: Document = {
    numIndexesBefore,
    numIndexesAfter: collection.indexSpecs().length,
    createdCollectionAutomatically: created,
  };
  if (made.length === 0) reply.note = 'all indexes already exist';
  return reply;
}

export function listIndexes(command: Document, context: CommandContext): Document {
  checkFields(command, 'listIndexes', ['cursor', 'includeBuildUUIDs', 'includeIndexBuildInfo']);
  const name = collectionArg(command, 'listIndexes');
  const collection = context.engine.collection(context.db, name);
  const ns = `${context.db}.${name}`;
  if (!collection) throw new CommandError('NamespaceNotFound', `ns does not exist: ${ns}`);
  const cursor = optDocument(command, 'listIndexes', 'cursor') ?? {};
  const batchSize = optInteger(cursor, 'listIndexes', 'batchSize', 0) ?? Number.POSITIVE_INFINITY;
  const { batch, id } = context.engine.cursors.open(
    ns,
    collection.indexSpecs().map(describeIndex),
    batchSize,
  );
  return { cursor: { id, ns, firstBatch: batch } };
}

export function dropIndexes(command: Document, context: CommandContext): Document {
  checkFields(command, 'dropIndexes', ['index']);
  const name = collectionArg(command, 'dropIndexes');
  const collection = context.engine.collection(context.db, name);
  if (!collection)
    throw new CommandError('NamespaceNotFound', `ns not found ${context.db}.${name}`);
  const nIndexesWas = collection.indexSpecs().length;
  const { index } = command;
  if (index === '*') {
    collection.indexes.clear();
    return { nIndexesWas, msg: 'non-_id indexes dropped for collection' };
  }
  const names: string[] = [];
  if (typeof index === 'string') names.push(index);
  else if (Array.isArray(index)) names.push(...index.map(String));
  else if (isPlainObject(index)) {
    const key = JSON.stringify(Object.entries(index).map(([k, v]) => [k, Number(v)]));
    const found = collection
      .indexSpecs()
      .find(
        (s) =>
          JSON.stringify(Object.entries(listedKey(s.key)).map(([k, v]) => [k, Number(v)])) === key,
      );
    if (!found)
      throw new CommandError(
        'IndexNotFound',
        `can't find index with key: ${JSON.stringify(index)}`,
      );
    names.push(found.name);
  } else {
    throw new CommandError(
      'TypeMismatch',
      "BSON field 'dropIndexes.index' is the wrong type, expected a string, array or object",
    );
  }
  for (const indexName of names) {
    if (indexName === '_id_') throw new CommandError('InvalidOptions', 'cannot drop _id index');
    if (!collection.indexes.has(indexName))
      throw new CommandError('IndexNotFound', `index not found with name [${indexName}]`);
  }
  for (const indexName of names) collection.indexes.delete(indexName);
  return { nIndexesWas };
}
