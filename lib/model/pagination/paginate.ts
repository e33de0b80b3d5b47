import type { Document, Filter } from 'mongodb';
import { getConfig } from '#lib/config/index.ts';
import type { Runner } from '../runner.ts';
import type { KeysetSort } from '../types.ts';
import { keysetOf } from './keyset.ts';
import { pageOf } from './page.ts';
import {
  isPageRequest,
  type PaginateRequest,
  type Pagination,
  RELEVANCE,
  type Relevance,
} from './types.ts';

/**
 * Page mode (`{page, perPage}`) or keyset mode (`{cursor?, limit}`) on a (field, _id) order, or
 * RELEVANCE: best `$text` matches first, page mode only.
 */
export function paginate<T extends Document>(
  runner: Runner<T>,
  filter: Filter<T>,
  request: PaginateRequest,
  sort: KeysetSort | Relevance,
): Promise<Pagination<T>> {
  if (sort === RELEVANCE) {
    if (!isPageRequest(request) || !('$text' in filter))
      throw new Error('relevance orders page mode over a $text filter only');
    return pageOf(runner, filter, { score: { $meta: 'textScore' }, _id: 1 }, request);
  }
  if (!('field' in sort)) throw new Error('unknown order');
  if (isPageRequest(request)) {
    const order =
      sort.field === '_id'
        ? { _id: sort.direction }
        : { [sort.field]: sort.direction, _id: sort.direction };
    return pageOf(runner, filter, order, request);
  }
  return keysetOf(runner, filter, sort, request, getConfig().cursorSecret);
}
