import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import type { CollationSpec } from 'mingo/types';
import { CommandError } from '../../errors.ts';
import { isNumeric } from '../../query/bson-type.ts';
import { canonicalKey } from '../../query/canonical-key.ts';
import { foldStages } from '../../query/fold-stages.ts';
import { letVariables } from '../../query/let-variables.ts';
import { withMingo } from '../../query/mingo-errors.ts';
import { isPlainObject } from '../../query/paths.ts';
import { queryOptions } from '../../query/query-options.ts';
import { withMongoRegExps } from '../../query/regex.ts';
import { restoreOriginals, toView, toViewDocument } from '../../query/view.ts';
import { DEFAULT_FIRST_BATCH } from '../../storage/cursor-store.ts';
import type { StoredDoc } from '../../storage/stored-doc.ts';
import type { CommandContext } from '../types.ts';
import { writeMerge, writeOut } from './aggregate-output.ts';
import { pipelineSource } from './aggregate-source.ts';
import { checkFields, optDocument, optInteger, requireArray } from './args.ts';
import { changeStreamAggregate, opensChangeStream } from './change-stream-aggregate.ts';
import { collStatsPipeline } from './coll-stats.ts';
import { collationFor } from './default-collation.ts';
import { explain } from './explain.ts';
import { geoNearPipeline } from './geo-near-pipeline.ts';
import { checkHint } from './hint.ts';
import { indexedLookups } from './lookup-source.ts';
import { checkPipeline } from './pipeline-check.ts';
import { textPipeline, withoutScore } from './text-pipeline.ts';
import { resolveView, viewDocuments } from './views.ts';

const FIELDS = [
  'collation',
  'pipeline',
  'cursor',
  'explain',
  'hint',
  'bypassDocumentValidation',
  'fromMongos',
  'needsMerge',
];

/** Stages that never change the documents they are given. */
const READ_ONLY_STAGES = new Set(['$match', '$group', '$sort', '$limit', '$skip', '$count']);

/**
 * Also `$project` without dotted paths: it builds each output anew, but removes a dotted
 * exclusion from a shallow copy of its input, and merges overlapping paths into what it took.
 */
function readsOnly(stage: Document): boolean {
  const [name = ''] = Object.keys(stage);
  if (name !== '$project') return READ_ONLY_STAGES.has(name);
  const spec: unknown = stage.$project;
  return isPlainObject(spec) && Object.keys(spec).every((path) => !path.includes('.'));
}

/**
 * `cursorNs`: the namespace the cursor answers under when it is not the target's (a view's, when
 * the command was rewritten to run on the view's collection).
 */
export function aggregate(command: Document, context: CommandContext, cursorNs?: string): Document {
  checkFields(command, 'aggregate', FIELDS);
  const target = command.aggregate;
  const dbLevel = isNumeric(target) && Number(target) === 1;
  if (typeof target !== 'string' && !dbLevel) {
    throw new CommandError('InvalidNamespace', 'aggregate field must be a collection name or 1');
  }
  const pipeline = requireArray(command, 'aggregate', 'pipeline') as Document[];
  if (pipeline.some((stage) => !isPlainObject(stage) || Object.keys(stage).length !== 1)) {
    throw new CommandError(
      'TypeMismatch',
      "Each element of the 'pipeline' array must be an object with exactly one field",
    );
  }
  checkPipeline(pipeline);
  if (command.explain === true) explain();
  const cursor = optDocument(command, 'aggregate', 'cursor');
  if (!cursor) {
    throw new CommandError(
      'FailedToParse',
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  }
  const batchSize = cursor
    ? (optInteger(cursor, 'aggregate', 'batchSize', 0) ?? DEFAULT_FIRST_BATCH)
    : DEFAULT_FIRST_BATCH;
  if (opensChangeStream(pipeline))
    return changeStreamAggregate(command, context, pipeline, batchSize);
  const { engine, db } = context;
  const collection = typeof target === 'string' ? engine.collection(db, target) : undefined;
  checkHint(collection, command.hint);
  const last = pipeline[pipeline.length - 1];
  const output = last && ('$out' in last || '$merge' in last) ? last : undefined;
  const stages = output ? pipeline.slice(0, -1) : pipeline;
  if (
    output &&
    isPlainObject(command.readConcern) &&
    command.readConcern.level === 'linearizable'
  ) {
    throw new CommandError(
      'InvalidOptions',
      `${Object.keys(output)[0]} cannot be used with a 'linearizable' read concern level`,
    );
  }
  // Fresh views per run: mingo may modify nested objects of its input in place.
  const source = (name: string) => engine.collection(db, name)?.docs.values() ?? [];
  const collation = collationFor(command.collation, collection);
  const fold = collation?.fold;
  const views = (name: string): Document[] => {
    const view = resolveView(engine, db, name);
    const docs = [...source(view?.source ?? name)].map((s) => toViewDocument(s.doc));
    return view ? viewDocuments(view.pipeline, docs, options) : docs;
  };
  const variables = letVariables(command.let);
  const options = queryOptions({
    ...(variables ? { variables } : {}),
    collectionResolver: (name) => views(name),
    ...(collation ? { collation: collation.spec as CollationSpec } : {}),
  });
  // localdb keeps no session cache: $listLocalSessions lists the session of this very command.
  const sessions = stages[0] && '$listLocalSessions' in stages[0];
  const local =
    sessions && isPlainObject(command.lsid)
      ? [{ _id: { id: command.lsid.id }, lastUse: new Date() }]
      : [];
  // A result with the _id of a source document keeps that document's types on untouched fields.
  const stored = (d: Document) =>
    collection && d._id !== undefined ? collection.docs.get(canonicalKey(d._id))?.doc : undefined;
  // A pipeline whose stages only read their input can start from the documents' cached views
  // (as find's filters do); others get fresh ones, since mingo's $addFields or $unwind change
  // nested input objects in place.
  const cached = collection && stages.every(readsOnly) ? collection : undefined;
  const results = withMingo(() => {
    // Pipelines opening with a `$text` match, `$geoNear` or `$collStats` get their input from those.
    const view = (s: StoredDoc) => toViewDocument(s.doc);
    const opening = { collection, variables, collation, view };
    const text =
      typeof target === 'string'
        ? (textPipeline(stages, opening) ??
          geoNearPipeline(stages, opening) ??
          collStatsPipeline(stages, collection, `${db}.${target}`, context.server.hostAndPort))
        : undefined;
    const input = text
      ? text.input
      : typeof target === 'string'
        ? Array.from(pipelineSource(collection, stages, collation), (s) =>
            cached ? cached.viewOf(s) : toViewDocument(s.doc),
          )
        : (toView(local) as Document[]);
    const remaining = text ? text.stages : sessions ? stages.slice(1) : stages;
    const viewStages = withMongoRegExps(foldStages(remaining, fold));
    const joined = indexedLookups(viewStages, {
      collection: (name) => engine.collection(db, name),
      everything: views,
      fold,
    });
    return new Aggregator(joined, options)
      .run(input)
      .map((d) => withoutScore(restoreOriginals(d, undefined, stored(d)) as Document));
  });
  if (output) {
    if ('$out' in output) writeOut(engine, db, output.$out, results);
    else writeMerge(engine, db, output.$merge, results);
  }
  const ns = cursorNs ?? (typeof target === 'string' ? `${db}.${target}` : `${db}.$cmd.aggregate`);
  const { batch, id } = engine.cursors.open(ns, output ? [] : results, batchSize);
  return { cursor: { firstBatch: batch, id, ns } };
}
