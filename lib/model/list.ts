import type { Document, Filter } from 'mongodb';
import type * as core from 'zod/v4/core';
import { fieldsQuery, type Selectable } from './field-selection.ts';
import { type FilterSpec, filterOf, filterParams, filterQuery } from './filters.ts';
import {
  keptParams,
  type ListQueryInput,
  listQuery,
  paginateRequest,
  sortQuery,
} from './pagination/http.ts';
import type { PaginateRequest, Pagination, Relevance } from './pagination/types.ts';
import type { SortOrders } from './sort-orders.ts';
import type { KeysetSort } from './types.ts';

/** A `?sort=` token a route orders by itself (e.g. `relevance`), with what it does. */
export interface RouteOrder {
  readonly about: string;
  readonly order: KeysetSort | Relevance;
}

export interface ListOptions<P extends core.$ZodShape> {
  /** The comparisons the list offers per field (filters.ts). */
  readonly filters?: FilterSpec;
  /** The route's own query fields (a search, a flag), kept in the links like the filters. */
  readonly params?: P;
  readonly orders?: Readonly<Record<string, RouteOrder>>;
}

/** What a list needs of its model (lib/model's Model has it). */
interface Listable extends Selectable {
  readonly name: string;
  readonly keyset: KeysetSort;
  readonly sorts: SortOrders;
  orderOf(token?: string): KeysetSort;
}

/** A bound model, or anything that pages like one. */
interface Paginates<T> {
  paginate(
    filter: Filter<T>,
    request: PaginateRequest,
    sort?: KeysetSort | Relevance,
  ): Promise<Pagination<T>>;
}

type ListInput = ListQueryInput & {
  readonly sort?: string | undefined;
  readonly fields?: readonly string[] | undefined;
};

/**
 * One list route's query, defined once: paging, the declared filters, the route's own
 * parameters, `?sort=` (the model's orders and the route's own) and `?fields=` make its query schema;
 * `page` reads a page the way that query asks, and `links` gives the parameters its links keep.
 */
export function modelList<P extends core.$ZodShape = {}>(
  model: Listable,
  options: ListOptions<P> = {},
) {
  const filters = options.filters ?? {};
  const params = options.params ?? ({} as P);
  const own = options.orders ?? {};
  const abouts = Object.fromEntries(Object.entries(own).map(([token, o]) => [token, o.about]));
  const query = listQuery({
    ...filterQuery(model, filters),
    ...params,
    sort: sortQuery(model, abouts),
    fields: fieldsQuery(model),
  });
  const kept = [...filterParams(filters), ...Object.keys(params), 'sort', 'fields'];
  return Object.freeze({
    query,
    /** The page the query asks for; `also` adds the route's own conditions (e.g. `$text`). */
    page<T extends Document>(bound: Paginates<T>, input: ListInput, also: Document = {}) {
      const token = input.sort;
      const order = token === undefined ? undefined : (own[token]?.order ?? model.orderOf(token));
      const filter = { ...filterOf(filters, input), ...also } as Filter<T>;
      return bound.paginate(filter, paginateRequest(input), order);
    },
    /** The query parameters the page's links keep, as the client wrote them. */
    links: (input: object) => keptParams(input, kept),
  });
}
