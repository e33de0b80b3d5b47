import type { Document, Filter, Sort } from 'mongodb';
import { ApiError } from '#lib/http/errors.ts';
import { countMatching } from '../count.ts';
import { projectionOf } from '../field-selection.ts';
import { decodeAll, RAW } from '../raw-documents.ts';
import type { Runner } from '../runner.ts';
import type { PageRequest, Pagination } from './types.ts';

function noPage(page: number): ApiError {
  return new ApiError(404, `There is no page ${page}`, {
    type: 'not-found',
    errors: [{ pointer: '/query/page', detail: 'is past the last page' }],
  });
}

/** Page mode: skip/limit on a stable sort plus a count (count.ts); a page past the end is a 404. */
export async function pageOf<T extends Document>(
  runner: Runner<T>,
  filter: Filter<T>,
  sort: Sort,
  request: PageRequest,
): Promise<Pagination<T>> {
  const { page, perPage, fields } = request;
  const projection = fields ? { projection: projectionOf(fields) } : {};
  const [items, total] = await runner.run((c, op) =>
    Promise.all([
      decodeAll(
        c,
        c
          .find(filter, { ...op, ...RAW, ...projection })
          .sort(sort)
          .skip((page - 1) * perPage)
          .limit(perPage),
      ),
      countMatching(c, filter, op),
    ]),
  );
  const pages = Math.ceil(total / perPage);
  if (page > 1 && page > pages) throw noPage(page);
  const go = (to: number) =>
    to < 1 || to > pages
      ? Promise.reject(noPage(to))
      : pageOf(runner, filter, sort, { ...request, page: to });
  return {
    mode: 'page',
    items,
    total,
    page,
    perPage,
    pages,
    hasNext: page < pages,
    hasPrev: page > 1,
    next: () => go(page + 1),
    prev: () => go(page - 1),
  };
}
