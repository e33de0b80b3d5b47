import { type Document, Long } from 'bson';
import { CommandError } from '../../errors.ts';
import { isNumeric, toNumber } from '../../query/bson-type.ts';
import { isPlainObject } from '../../query/paths.ts';
import { toView } from '../../query/view.ts';
import { storedSize } from '../../storage/capped.ts';
import type { Collection } from '../../storage/collection.ts';
import { checkNestedFields } from './args.ts';
import type { OpenedPipeline } from './opening-stage.ts';

const SECTIONS = new Set(['latencyStats', 'storageStats', 'count', 'queryExecStats']);

/** An index's size, estimated as a B-tree's: each (key, record id) entry as its key's length + 8. */
function indexSize(entries: Iterable<[string, Set<string>]>): number {
  let size = 0;
  for (const [key, ids] of entries) size += ids.size * (key.length + 8);
  return size;
}

/** `storageStats`: sizes in bytes (divided by `scale`), documents counted as their BSON size. */
function storageStats(collection: Collection, spec: unknown): Document {
  const scaleArg = isPlainObject(spec) ? spec.scale : undefined;
  const scale =
    scaleArg === undefined ? 1 : isNumeric(scaleArg) ? Math.trunc(toNumber(scaleArg)) : 0;
  if (scale < 1) throw new CommandError('BadValue', 'scale has to be >= 1');
  const scaled = (bytes: number) => Math.trunc(bytes / scale);
  let size = 0;
  for (const stored of collection.docs.values()) size += storedSize(stored.doc);
  const count = collection.docs.size;
  const indexSizes: Document = {
    _id_: scaled(indexSize([...collection.docs.keys()].map((id) => [id, new Set([id])]))),
  };
  for (const [name, index] of collection.indexes)
    indexSizes[name] = scaled(indexSize(index.entries));
  const totalIndexSize = Object.values(indexSizes).reduce((sum: number, n: number) => sum + n, 0);
  const capped = collection.capped;
  return {
    size: scaled(size),
    count,
    ...(count > 0 ? { avgObjSize: Math.trunc(size / count) } : {}),
    numOrphanDocs: 0,
    storageSize: scaled(size),
    freeStorageSize: 0,
    capped: capped !== undefined,
    ...(capped ? { max: capped.max ?? 0, maxSize: scaled(capped.maxSize) } : {}),
    nindexes: collection.indexes.size + 1,
    indexBuilds: [],
    totalIndexSize,
    totalSize: scaled(size) + totalIndexSize,
    indexSizes,
    scaleFactor: scale,
  };
}

const noLatency = () => ({ latency: Long.ZERO, ops: Long.ZERO });

/**
 * A pipeline opening with `$collStats`: one document of the asked-for sections. localdb keeps no
 * latency or scan counters, so those sections are zeros; sizes are measured (storageStats).
 */
export function collStatsPipeline(
  stages: readonly Document[],
  collection: Collection | undefined,
  ns: string,
  host: string,
): OpenedPipeline | undefined {
  const spec: unknown = stages[0]?.$collStats;
  if (spec === undefined) return undefined;
  if (!isPlainObject(spec))
    throw new CommandError('FailedToParse', '$collStats must take a nested object');
  checkNestedFields(spec, '$collStats', SECTIONS);
  const needsCollection = spec.storageStats !== undefined || spec.count !== undefined;
  if (needsCollection && !collection)
    throw new CommandError('NamespaceNotFound', `Collection [${ns}] not found.`);
  const out: Document = { ns, host, localTime: new Date() };
  if (spec.latencyStats !== undefined) {
    out.latencyStats = {
      reads: noLatency(),
      writes: noLatency(),
      commands: noLatency(),
      transactions: noLatency(),
    };
  }
  if (collection && spec.storageStats !== undefined)
    out.storageStats = storageStats(collection, spec.storageStats);
  if (collection && spec.count !== undefined) out.count = collection.docs.size;
  if (spec.queryExecStats !== undefined)
    out.queryExecStats = { collectionScans: { total: Long.ZERO, nonTailable: Long.ZERO } };
  return { input: [toView(out) as Document], stages: stages.slice(1) };
}
