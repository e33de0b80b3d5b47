import type { Document } from 'bson';
import { ChangeStream } from '../../changes/change-stream.ts';
import { parseStreamOptions } from '../../changes/stream-options.ts';
import { streamScope } from '../../changes/stream-scope.ts';
import { CommandError } from '../../errors.ts';
import { canonicalKey } from '../../query/canonical-key.ts';
import type { CommandContext } from '../types.ts';

/** Stages a change stream may run on its events (mongod refuses others with IllegalOperation). */
const EVENT_STAGES = new Set([
  '$match',
  '$project',
  '$addFields',
  '$set',
  '$unset',
  '$replaceRoot',
  '$replaceWith',
  '$redact',
]);

/** Whether a pipeline opens a change stream. */
export function opensChangeStream(pipeline: readonly Document[]): boolean {
  return pipeline[0] !== undefined && '$changeStream' in pipeline[0];
}

/**
 * `aggregate` with a `$changeStream` first stage: opens a tailing cursor on the change log.
 * Its first batch holds what is already there to read (nothing, unless it resumes); getMore
 * waits for the rest.
 */
export function changeStreamAggregate(
  command: Document,
  context: CommandContext,
  pipeline: readonly Document[],
  batchSize: number,
): Document {
  if (context.autocommit === false) {
    throw new CommandError(
      'OperationNotSupportedInTransaction',
      'Operation not permitted in transaction :: caused by :: $changeStream',
    );
  }
  const stages = pipeline.slice(1);
  for (const stage of stages) {
    const [name = ''] = Object.keys(stage);
    if (name === '$changeStreamSplitLargeEvent') {
      throw new CommandError(
        'IllegalOperation',
        'localdb does not split change events: $changeStreamSplitLargeEvent needs a MongoDB server (MONGODB_URI)',
      );
    }
    if (!EVENT_STAGES.has(name))
      throw new CommandError(
        'IllegalOperation',
        `${name} is not permitted in a $changeStream pipeline`,
      );
  }
  const options = parseStreamOptions(pipeline[0]?.$changeStream);
  const target = typeof command.aggregate === 'string' ? command.aggregate : 1;
  const scope = streamScope(target, context.db, options.allChangesForCluster);
  const { engine } = context;
  const lookup = (db: string, coll: string, id: unknown) =>
    engine.collection(db, coll)?.docs.get(canonicalKey(id))?.doc ?? null;
  const stream = new ChangeStream(engine.changes, scope, options, lookup, [...stages]);
  const ns =
    typeof command.aggregate === 'string'
      ? `${context.db}.${target}`
      : `${context.db}.$cmd.aggregate`;
  const { batch, id, postBatchResumeToken } = engine.cursors.openTailing(ns, stream, batchSize);
  return { cursor: { firstBatch: batch, postBatchResumeToken, id, ns } };
}
