import type { ObjectId } from 'mongodb';
import { json, type RouteResponse } from '#lib/http/response.ts';
import { taggedJson } from './conditional-requests.ts';
import { paginationBody, paginationLinks } from './pagination/http.ts';
import type { Pagination } from './pagination/types.ts';
import { VERSION_FIELD } from './versioning.ts';

/**
 * 201 with the new document, its Location under `collectionPath` (e.g. `/books`) and, for a
 * versioned model's document, its ETag.
 */
export function createdResponse<T extends { _id: ObjectId }>(
  collectionPath: string,
  doc: T,
): RouteResponse {
  const headers = { Location: `${collectionPath}/${doc._id.toHexString()}` };
  return VERSION_FIELD in doc ? taggedJson(201, doc, headers) : json(201, doc, headers);
}

/** A PUT's answer (the model's `put` result): 201 as above when it created, else 200. */
export function putResponse<T extends { _id: ObjectId }>(
  collectionPath: string,
  put: { readonly doc: T; readonly created: boolean },
): RouteResponse {
  if (put.created) return createdResponse(collectionPath, put.doc);
  return VERSION_FIELD in put.doc ? taggedJson(200, put.doc) : json(200, put.doc);
}

/**
 * 200 with one page and its Link header; `extra` are the query parameters the links keep
 * (filters), `items` replaces the page's items when a route decorates them.
 */
export function pageResponse<T>(
  path: string,
  page: Pagination<T>,
  extra: Record<string, string> = {},
  items: readonly unknown[] = page.items,
): RouteResponse {
  return json(
    200,
    { ...paginationBody(page), items },
    { Link: paginationLinks(path, page, extra) },
  );
}
