import type { Document } from 'bson';
import { compileFilter } from '../../query/filter.ts';
import { splitNear } from '../../query/geo/near.ts';
import { letVariables } from '../../query/let-variables.ts';
import { withMingo } from '../../query/mingo-errors.ts';
import { parseSort, sortDocuments } from '../../query/sort.ts';
import { splitText } from '../../query/text/split-text.ts';
import { noTextScore, splitTextScoreMeta } from '../../query/text/text-score-meta.ts';
import type { Collection } from '../../storage/collection.ts';
import { DEFAULT_FIRST_BATCH } from '../../storage/cursor-store.ts';
import type { CommandContext } from '../types.ts';
import { checkFields, collectionArg, optBoolean, optDocument, optInteger } from './args.ts';
import { collationFor } from './default-collation.ts';
import { checkHint } from './hint.ts';
import { indexBounds } from './index-bounds.ts';
import { orderedFind } from './ordered-find.ts';
import { project } from './projection.ts';
import { tailableFind, tailsCapped } from './tailable-find.ts';
import { findText } from './text-find.ts';

const FIND_FIELDS = [
  'collation',
  'filter',
  'projection',
  'sort',
  'skip',
  'limit',
  'batchSize',
  'singleBatch',
  'hint',
  'min',
  'max',
  'returnKey',
  'showRecordId',
  'tailable',
  'oplogReplay',
  'noCursorTimeout',
  'awaitData',
  'allowPartialResults',
  'readOnce',
  'allowSpeculativeMajorityRead',
  'maxScan',
  'snapshot',
];

export function find(command: Document, context: CommandContext): Document {
  checkFields(command, 'find', FIND_FIELDS);
  const name = collectionArg(command, 'find');
  const filter = optDocument(command, 'find', 'filter') ?? {};
  const projection = optDocument(command, 'find', 'projection');
  const givenSort = optDocument(command, 'find', 'sort');
  const { sortSpec, backwards } = naturalOrder(givenSort);
  const sort = parseSort(sortSpec);
  const skip = optInteger(command, 'find', 'skip', 0) ?? 0;
  const limit = optInteger(command, 'find', 'limit', 0) ?? 0;
  const batchSize = optInteger(command, 'find', 'batchSize', 0);
  const singleBatch = optBoolean(command, 'find', 'singleBatch') ?? false;
  const variables = letVariables(command.let);
  const collection = context.engine.collection(context.db, name);
  const collation = collationFor(command.collation, collection);
  checkHint(collection, command.hint);
  const bounds = indexBounds(command, collection);
  if (tailsCapped(command)) {
    const ns = `${context.db}.${name}`;
    const awaitData = command.awaitData === true;
    const find = {
      ns,
      collection,
      awaitData,
      filter,
      variables,
      projection,
      sort: givenSort,
      batchSize,
    };
    return tailableFind(find, context);
  }
  let docs: Document[] = [];
  const text = withMingo(() => splitText(filter));
  const scoreSortFields = splitTextScoreMeta(sortSpec).fields;
  if (!text && (scoreSortFields.length || splitTextScoreMeta(projection).fields.length)) {
    throw noTextScore();
  }
  if (!collection) withMingo(() => compileFilter(filter, variables));
  if (collection && text) {
    const find = { filter, sort, scoreSortFields, projection, skip, limit, variables, collation };
    docs = findText(collection, find);
  } else if (collection) {
    // min/max scan the hinted index: its order unless a sort is given.
    const order = bounds && sort.length === 0 ? parseSort(bounds.order) : sort;
    const unsorted = order.length === 0;
    // A sort an index serves walks it, skip + limit applied on the way (under a collation, an
    // index built with it); else match (without a sort, only until skip + limit) and sort.
    const walked =
      unsorted || limit < 0 || bounds || splitNear(filter)
        ? undefined
        : withMingo(() =>
            orderedFind(collection, filter, sort, { skip, limit }, variables, collation),
          );
    const scanWindow = (c: Collection) => {
      const want = unsorted && limit && !backwards && !bounds ? skip + limit : 0;
      const found = withMingo(() => c.match(filter, want, variables, collation));
      const matched = bounds ? found.filter(bounds.within) : found;
      const ordered = unsorted
        ? backwards
          ? matched.reverse()
          : matched
        : sortDocuments(matched, order, (s) => c.viewOf(s), collation?.compare);
      return ordered.slice(skip, limit ? skip + limit : undefined);
    };
    const window = walked ?? scanWindow(collection);
    docs = project(
      window.map((s) => s.doc),
      projection,
      filter,
    );
  }
  const ns = `${context.db}.${name}`;
  const { batch, id } = context.engine.cursors.open(
    ns,
    docs,
    batchSize ?? (limit || DEFAULT_FIRST_BATCH),
    singleBatch,
  );
  return { cursor: { firstBatch: batch, id, ns } };
}

/** `sort: { $natural: 1 | -1 }` is insertion order (or its reverse), not a field to sort by. */
function naturalOrder(sortSpec: Document | undefined): {
  sortSpec: Document | undefined;
  backwards: boolean;
} {
  if (!sortSpec || Object.keys(sortSpec).join() !== '$natural')
    return { sortSpec, backwards: false };
  return { sortSpec: undefined, backwards: Number(sortSpec.$natural) < 0 };
}
