import type { WithId } from 'mongodb';
import type { FieldSelection } from '../field-selection.ts';

/** `?fields=`, in either mode: only those fields of each item (and `_id`). */
interface Selecting {
  readonly fields?: FieldSelection;
}

/** `?page=&perPage=` (Flask-MongoAlchemy's paginate) — counts, random access, 404 past the end. */
export interface PageRequest extends Selecting {
  readonly page: number;
  readonly perPage: number;
}

/** `?cursor=&limit=` — stable under concurrent inserts, no count unless `withTotal`. */
export interface KeysetRequest extends Selecting {
  readonly cursor?: string;
  readonly limit: number;
  readonly withTotal?: boolean;
}

export type PaginateRequest = PageRequest | KeysetRequest;

/**
 * Best `$text` matches first (the text score, then `_id`). Page mode only: a score is not a
 * field a keyset boundary can compare, and the filter must hold the `$text` that scores.
 */
export const RELEVANCE = Object.freeze({ relevance: true } as const);
export type Relevance = typeof RELEVANCE;

/** One type for both modes; the fields of the other mode are absent. */
export interface Pagination<T> {
  readonly mode: 'page' | 'keyset';
  readonly items: WithId<T>[];
  readonly hasNext: boolean;
  readonly hasPrev: boolean;
  /** Always in page mode; in keyset mode only when asked for. */
  readonly total?: number;
  readonly page?: number;
  readonly perPage?: number;
  readonly pages?: number;
  readonly limit?: number;
  readonly nextCursor?: string;
  readonly prevCursor?: string;
  /** The following page; rejects with a 404 problem when there is none. */
  next(): Promise<Pagination<T>>;
  /** The preceding page; rejects with a 404 problem when there is none. */
  prev(): Promise<Pagination<T>>;
}

export function isPageRequest(request: PaginateRequest): request is PageRequest {
  return 'page' in request;
}
