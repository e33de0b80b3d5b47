import type { Document, Filter, Sort, WithId } from 'mongodb';
import { ApiError } from '#lib/http/errors.ts';
import { countMatching } from '../count.ts';
import { type FieldSelection, hiddenOf, projectionOf, withoutHidden } from '../field-selection.ts';
import { decodeAll, RAW } from '../raw-documents.ts';
import type { Runner } from '../runner.ts';
import type { KeysetSort } from '../types.ts';
import { type CursorPosition, decodeCursor, encodeCursor } from './cursor.ts';
import type { KeysetRequest, Pagination } from './types.ts';

/** Documents strictly after (or before) the position in (field, _id) order. */
function beyond(sort: KeysetSort, at: CursorPosition): Document {
  const forward = (at.direction === 'next') === (sort.direction === 1);
  const op = forward ? '$gt' : '$lt';
  if (sort.field === '_id') return { _id: { [op]: at.id } };
  return {
    $or: [{ [sort.field]: { [op]: at.value } }, { [sort.field]: at.value, _id: { [op]: at.id } }],
  };
}

function valueAt(doc: Document, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v as Document | undefined)?.[key], doc);
}

/** Under `?fields=`, the sort field is read too (cursors are made of it) but shown only if asked. */
function selection<T extends Document>(fields: FieldSelection | undefined, sort: KeysetSort) {
  if (fields === undefined) return { projection: {}, shown: (doc: WithId<T>) => doc };
  const hidden = hiddenOf(fields, [sort.field]);
  return {
    projection: { projection: projectionOf(fields, [sort.field]) },
    shown: (doc: WithId<T>) => withoutHidden(doc, hidden),
  };
}

/**
 * Keyset mode: a stable order on (field, _id), one extra document fetched to know whether more
 * follow, backward pages read in reverse order then flipped. No count unless asked.
 */
export async function keysetOf<T extends Document>(
  runner: Runner<T>,
  filter: Filter<T>,
  sort: KeysetSort,
  request: KeysetRequest,
  secret: string,
): Promise<Pagination<T>> {
  const at = request.cursor === undefined ? undefined : decodeCursor(secret, sort, request.cursor);
  const backward = at?.direction === 'prev';
  const dir = (backward ? -sort.direction : sort.direction) as 1 | -1;
  const order: Sort = sort.field === '_id' ? { _id: dir } : { [sort.field]: dir, _id: dir };
  const query = (at ? { $and: [filter, beyond(sort, at)] } : filter) as Filter<T>;
  const { projection, shown } = selection<T>(request.fields, sort);
  const [fetched, total] = await runner.run((c, op) =>
    Promise.all([
      decodeAll(
        c,
        c
          .find(query, { ...op, ...RAW, ...projection })
          .sort(order)
          .limit(request.limit + 1),
      ),
      request.withTotal ? countMatching(c, filter, op) : Promise.resolve(undefined),
    ]),
  );
  const more = fetched.length > request.limit;
  const page = fetched.slice(0, request.limit);
  const items = backward ? page.reverse() : page;
  const hasNext = backward ? true : more;
  const hasPrev = backward ? more : at !== undefined;
  const cursorAt = (doc: WithId<T> | undefined, direction: 'next' | 'prev') =>
    doc && encodeCursor(secret, sort, { value: valueAt(doc, sort.field), id: doc._id, direction });
  const nextCursor = hasNext ? cursorAt(items.at(-1), 'next') : undefined;
  const prevCursor = hasPrev ? cursorAt(items[0], 'prev') : undefined;
  const go = (cursor: string | undefined) =>
    cursor === undefined
      ? Promise.reject(new ApiError(404, 'There is no such page', { type: 'not-found' }))
      : keysetOf(runner, filter, sort, { ...request, cursor }, secret);
  return {
    mode: 'keyset',
    items: items.map(shown),
    limit: request.limit,
    hasNext: nextCursor !== undefined,
    hasPrev: prevCursor !== undefined,
    ...(total !== undefined ? { total } : {}),
    ...(nextCursor ? { nextCursor } : {}),
    ...(prevCursor ? { prevCursor } : {}),
    next: () => go(nextCursor),
    prev: () => go(prevCursor),
  };
}
