import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { parseCollation } from '../../query/collation.ts';
import type { CommandContext, CommandHandler } from '../types.ts';
import { aggregate } from './aggregate.ts';
import { distinctValues } from './count-distinct.ts';
import { type ResolvedView, refuseView, resolveView } from './views.ts';

/** Commands that change a collection or its indexes: refused on views (CommandNotSupportedOnView). */
const WRITES = new Set([
  'insert',
  'update',
  'delete',
  'findAndModify',
  'findandmodify',
  'createIndexes',
  'dropIndexes',
  'listIndexes',
]);
/** As many results as one reply holds: a view's count and distinct read them all at once. */
const ALL = { batchSize: 2 ** 31 - 1 };

type Rewrite = (
  command: Document,
  view: ResolvedView,
  context: CommandContext,
  ns: string,
) => Document;

/** The aggregate that reads `view` and then runs `stages`. */
function onSource(
  command: Document,
  view: ResolvedView,
  stages: Document[],
  cursor: Document,
): Document {
  const copied = ['let', 'hint', 'comment', 'readConcern', 'lsid', 'txnNumber', 'autocommit'];
  const generic = Object.fromEntries(
    copied.filter((f) => command[f] !== undefined).map((f) => [f, command[f]]),
  );
  return { aggregate: view.source, pipeline: [...view.pipeline, ...stages], cursor, ...generic };
}

/**
 * Reads of a view run as an aggregation on its collection, its pipeline first, as mongod
 * rewrites them: find's filter, sort, skip, limit and projection become stages; count and
 * distinct are computed from the view's documents.
 */
const REWRITES: Readonly<Record<string, Rewrite>> = Object.freeze({
  find: (command, view, context, ns) => {
    const stages: Document[] = [{ $match: command.filter ?? {} }];
    if (command.sort && Object.keys(command.sort).length) stages.push({ $sort: command.sort });
    if (command.skip) stages.push({ $skip: command.skip });
    if (command.limit) stages.push({ $limit: Math.abs(Number(command.limit)) });
    if (command.projection && Object.keys(command.projection).length)
      stages.push({ $project: command.projection });
    const cursor = command.batchSize === undefined ? {} : { batchSize: command.batchSize };
    return aggregate(onSource(command, view, stages, cursor), context, ns);
  },
  aggregate: (command, view, context, ns) => {
    const pipeline = (command.pipeline ?? []) as Document[];
    if (pipeline.some((stage) => '$changeStream' in stage))
      throw new CommandError(
        'CommandNotSupportedOnView',
        `Namespace ${ns} is a view: $changeStream cannot run on it`,
      );
    return aggregate(
      { ...command, aggregate: view.source, pipeline: [...view.pipeline, ...pipeline] },
      context,
      ns,
    );
  },
  count: (command, view, context, ns) => {
    const stages: Document[] = [{ $match: command.query ?? {} }];
    if (command.skip) stages.push({ $skip: command.skip });
    if (command.limit) stages.push({ $limit: Math.abs(Number(command.limit)) });
    const reply = aggregate(onSource(command, view, [...stages, { $count: 'n' }], {}), context, ns);
    return { n: reply.cursor.firstBatch[0]?.n ?? 0 };
  },
  distinct: (command, view, context, ns) => {
    if (typeof command.key !== 'string')
      throw new CommandError(
        'TypeMismatch',
        "BSON field 'distinct.key' is missing or not a string",
      );
    const stages = [{ $match: command.query ?? {} }];
    const reply = aggregate(onSource(command, view, stages, ALL), context, ns);
    return {
      values: distinctValues(
        reply.cursor.firstBatch,
        command.key,
        parseCollation(command.collation),
      ),
    };
  },
});

/** A data command made view-aware: reads rewritten onto the view's collection, writes refused. */
export function onViews(name: string, handler: CommandHandler): CommandHandler {
  const rewrite = REWRITES[name];
  if (!rewrite && !WRITES.has(name)) return handler;
  return (command, context) => {
    const target: unknown = command[name];
    if (!rewrite) {
      refuseView(context.engine, context.db, target);
      return handler(command, context);
    }
    const view =
      typeof target === 'string' ? resolveView(context.engine, context.db, target) : undefined;
    return view
      ? rewrite(command, view, context, `${context.db}.${String(target)}`)
      : handler(command, context);
  };
}
