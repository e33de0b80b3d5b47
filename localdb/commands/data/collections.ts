import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { parseCollation } from '../../query/collation.ts';
import { compileFilter } from '../../query/filter.ts';
import { withMingo } from '../../query/mingo-errors.ts';
import { toView } from '../../query/view.ts';
import { checkCappedOptions } from '../../storage/capped.ts';
import { checkCollectionName, checkDbName } from '../../storage/engine.ts';
import { timeSeriesOptions } from '../../storage/timeseries.ts';
import type { CommandContext } from '../types.ts';
import { checkFields, collectionArg, optBoolean, optDocument, optInteger } from './args.ts';
import { checkValidationOptions, optionFields } from './collection-options.ts';
import {
  checkViewDefinition,
  createView,
  dropView,
  listViews,
  modifyView,
  refuseView,
  viewDefinition,
} from './views.ts';

const CREATE_OPTIONS = [
  'capped',
  'size',
  'max',
  'validator',
  'validationLevel',
  'validationAction',
  'collation',
  'storageEngine',
  'indexOptionDefaults',
  'timeseries',
  'expireAfterSeconds',
  'clusteredIndex',
  'changeStreamPreAndPostImages',
  'idIndex',
  'encryptedFields',
  'autoIndexId',
  'flags',
];

export function create(command: Document, context: CommandContext): Document {
  const name = collectionArg(command, 'create');
  checkFields(command, 'create', [...CREATE_OPTIONS, 'viewOn', 'pipeline']);
  if (command.viewOn !== undefined) {
    if (command.collation !== undefined)
      throw new CommandError('CommandNotSupported', 'localdb views take no default collation');
    checkDbName(context.db);
    checkCollectionName(context.db, name);
    createView(
      context.engine,
      context.db,
      name,
      checkViewDefinition(command.viewOn, command.pipeline),
    );
    return {};
  }
  if (viewDefinition(context.engine, context.db, name))
    throw new CommandError('NamespaceExists', `Namespace ${context.db}.${name} already exists`);
  const options = timeSeriesOptions(optionFields(command, 'create', CREATE_OPTIONS));
  // A default collation every operation without its own runs under (default-collation.ts).
  parseCollation(options.collation);
  checkValidationOptions(options);
  checkCappedOptions(options);
  context.engine.createCollection(context.db, name, options);
  return {};
}

export function collMod(command: Document, context: CommandContext): Document {
  const name = collectionArg(command, 'collMod');
  checkFields(command, 'collMod', [
    'validator',
    'validationLevel',
    'validationAction',
    'index',
    'changeStreamPreAndPostImages',
    'expireAfterSeconds',
    'viewOn',
    'pipeline',
  ]);
  const view = viewDefinition(context.engine, context.db, name);
  if (view) {
    const definition = checkViewDefinition(
      command.viewOn ?? view.viewOn,
      command.pipeline ?? view.pipeline,
    );
    modifyView(context.engine, context.db, name, definition);
    return {};
  }
  if (command.viewOn !== undefined || command.pipeline !== undefined)
    throw new CommandError(
      'InvalidOptions',
      `${context.db}.${name} is not a view: viewOn and pipeline apply to views only`,
    );
  const collection = context.engine.collection(context.db, name);
  if (!collection)
    throw new CommandError('NamespaceNotFound', `ns does not exist: ${context.db}.${name}`);
  const changes = optionFields(command, 'collMod', [
    'validator',
    'validationLevel',
    'validationAction',
    'changeStreamPreAndPostImages',
  ]);
  checkValidationOptions(changes);
  collection.setOptions({ ...collection.options, ...changes });
  return {};
}

export function drop(command: Document, context: CommandContext): Document {
  const name = collectionArg(command, 'drop');
  checkFields(command, 'drop', []);
  if (dropView(context.engine, context.db, name)) return { ns: `${context.db}.${name}` };
  const dropped = context.engine.dropCollection(context.db, name);
  // MongoDB 7.0+ answers ok for a collection that does not exist.
  return { ns: `${context.db}.${name}`, nIndexesWas: dropped ? dropped.indexSpecs().length : 0 };
}

function splitNamespace(value: unknown, field: string): [string, string] {
  if (typeof value !== 'string')
    throw new CommandError('TypeMismatch', `'${field}' must be of type String`);
  const dot = value.indexOf('.');
  if (dot <= 0 || dot === value.length - 1)
    throw new CommandError('InvalidNamespace', `Invalid ${field} namespace: ${value}`);
  return [value.slice(0, dot), value.slice(dot + 1)];
}

export function renameCollection(command: Document, context: CommandContext): Document {
  checkFields(command, 'renameCollection', ['to', 'dropTarget', 'stayTemp']);
  if (context.db !== 'admin') {
    throw new CommandError(
      'Unauthorized',
      'renameCollection may only be run against the admin database.',
    );
  }
  const from = splitNamespace(command.renameCollection, 'source');
  const to = splitNamespace(command.to, 'target');
  checkDbName(to[0]);
  checkCollectionName(...to);
  if (from[0] === to[0] && from[1] === to[1])
    throw new CommandError('IllegalOperation', "Can't rename a collection to itself");
  refuseView(context.engine, ...from);
  refuseView(context.engine, ...to);
  context.engine.renameCollection(
    from,
    to,
    optBoolean(command, 'renameCollection', 'dropTarget') ?? false,
  );
  return {};
}

export function listCollections(command: Document, context: CommandContext): Document {
  checkFields(command, 'listCollections', [
    'filter',
    'nameOnly',
    'authorizedCollections',
    'cursor',
    'includePendingDrops',
  ]);
  const filter = optDocument(command, 'listCollections', 'filter') ?? {};
  const nameOnly = optBoolean(command, 'listCollections', 'nameOnly') ?? false;
  const cursor = optDocument(command, 'listCollections', 'cursor') ?? {};
  const batchSize =
    optInteger(cursor, 'listCollections', 'batchSize', 0) ?? Number.POSITIVE_INFINITY;
  const views = listViews(context.engine, context.db).map(({ name, viewOn, pipeline }) =>
    nameOnly
      ? { name, type: 'view' }
      : { name, type: 'view', options: { viewOn, pipeline }, info: { readOnly: true } },
  );
  const collections = context.engine.collections(context.db).map((c) => {
    if (c.options.timeseries !== undefined) {
      const entry = { name: c.name, type: 'timeseries' };
      return nameOnly ? entry : { ...entry, options: c.options, info: { readOnly: false } };
    }
    return nameOnly
      ? { name: c.name, type: 'collection' }
      : {
          name: c.name,
          type: 'collection',
          options: c.options,
          info: { readOnly: false, uuid: c.uuid },
          idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
        };
  });
  const entries = [...collections, ...views];
  // An expression's errors surface when a document is tested, so the tests run inside too.
  const matching = withMingo(() => {
    const query = compileFilter(filter);
    return entries.filter((e) => query.test(toView(e) as Document));
  });
  const ns = `${context.db}.$cmd.listCollections`;
  const { batch, id } = context.engine.cursors.open(ns, matching, batchSize);
  return { cursor: { id, ns, firstBatch: batch } };
}
