import type { Document, ObjectId } from 'mongodb';
import { type EntityTag, formatEntityTag, parseEntityTags } from '#lib/http/entity-tags.ts';
import { headerOf } from '#lib/http/header.ts';
import { json, type RouteResponse } from '#lib/http/response.ts';
import type { ApiEvent } from '#lib/http/types.ts';
import { type FieldSelection, hiddenOf, withoutHidden } from './field-selection.ts';
import type { PutOptions } from './replace.ts';
import type { ModelContext } from './types.ts';
import { VERSION_FIELD, versionOf, type WriteOptions } from './versioning.ts';

/*
 * RFC 9110 conditional requests on a versioned model's documents: the version is the strong
 * entity tag, so `ETag: "3"` on reads and writes, `If-None-Match` on GET (304) and `If-Match`
 * on PATCH/PUT/DELETE (412 when the document has moved on; lost updates cannot happen).
 * Preconditions are evaluated only where the request would otherwise succeed (§13.2.1): an
 * absent document stays a 404 whatever the headers say, except on PUT, which would create it.
 */

/** A route's model context with the request its preconditions come from. */
export interface RequestContext extends ModelContext {
  readonly event: ApiEvent;
}

/** The document's entity tag: its version. */
export const entityTagOf = (doc: Document): string => formatEntityTag(String(versionOf(doc)));

/** A JSON answer carrying the document's `ETag`. */
export function taggedJson(
  statusCode: number,
  doc: Document,
  headers: Record<string, string> = {},
): RouteResponse {
  return json(statusCode, doc, { ...headers, ETag: entityTagOf(doc) });
}

const VERSION = /^(?:0|[1-9]\d{0,14})$/;

/** The versions a list of tags names; a weak tag never matches If-Match (strong comparison). */
const strongVersions = (tags: readonly EntityTag[]): number[] =>
  tags.filter((t) => !t.weak && VERSION.test(t.opaque)).map((t) => Number(t.opaque));
/** The versions a list names, weak tags included (If-None-Match compares weakly). */
const anyVersions = (tags: readonly EntityTag[]): number[] =>
  tags.filter((t) => VERSION.test(t.opaque)).map((t) => Number(t.opaque));

/** The request's two precondition headers, parsed (400 when malformed). */
const preconditionsOf = (event: ApiEvent) => ({
  ifMatch: parseEntityTags(headerOf(event.headers, 'if-match'), 'If-Match'),
  ifNoneMatch: parseEntityTags(headerOf(event.headers, 'if-none-match'), 'If-None-Match'),
});

/**
 * The write options of a PATCH's or DELETE's preconditions. `If-Match`: none without it or
 * with `*` (which any existing document meets, and absence is the route's 404), else the
 * versions it names (maybe none: a list of tags this API never issued is never met).
 * `If-None-Match`: the versions the document must not be at (weak comparison); `*`, which no
 * existing document meets, requires no version at all (412 when present, absence a 404).
 */
export function writeConditionsOf(event: ApiEvent): WriteOptions {
  return writeConditions(preconditionsOf(event));
}

function writeConditions({
  ifMatch,
  ifNoneMatch,
}: ReturnType<typeof preconditionsOf>): WriteOptions {
  if (ifNoneMatch === '*') return { ifVersion: [] };
  return {
    ...(ifMatch === undefined || ifMatch === '*' ? {} : { ifVersion: strongVersions(ifMatch) }),
    ...(ifNoneMatch === undefined ? {} : { ifNotVersion: anyVersions(ifNoneMatch) }),
  };
}

/** 304 (with the tag) when the request's `If-None-Match` names this version (weak comparison). */
export function notModified(event: ApiEvent, doc: Document): RouteResponse | undefined {
  const condition = parseEntityTags(headerOf(event.headers, 'if-none-match'), 'If-None-Match');
  if (condition === undefined) return undefined;
  const tag = String(versionOf(doc));
  const matches = condition === '*' || condition.some((t) => t.opaque === tag);
  return matches ? { statusCode: 304, headers: { ETag: entityTagOf(doc) } } : undefined;
}

/**
 * GET of one document: 304 when the client's copy is current, else the document and its tag.
 * Under `?fields=` the answer shows only those fields (the read projected them); its tag is
 * still the version, read for it.
 */
export function conditionalGet(
  event: ApiEvent,
  doc: Document,
  fields?: FieldSelection,
): RouteResponse {
  return (
    notModified(event, doc) ??
    json(200, fields ? withoutHidden(doc, hiddenOf(fields, [VERSION_FIELD])) : doc, {
      ETag: entityTagOf(doc),
    })
  );
}

/** What documentGet needs of a model: binding it to a request gives `getOr404`. */
interface Readable {
  bind(context: ModelContext): {
    getOr404(id: ObjectId, fields?: FieldSelection): Promise<Document>;
  };
}

/**
 * The route function of a single-document GET of `model`: 404 when absent, 304 when the
 * client's copy is current, else the document (only `?fields=` of it) with its ETag.
 */
export function documentGet(model: Readable) {
  return async (
    ctx: RequestContext,
    id: ObjectId,
    fields?: FieldSelection,
  ): Promise<RouteResponse> =>
    conditionalGet(ctx.event, await model.bind(ctx).getOr404(id, fields), fields);
}

/**
 * The options of a PUT's preconditions (§13.1.1, §13.1.2): `If-Match` with tags replaces only
 * at those versions, `If-Match: *` only an existing document; `If-None-Match: *` only creates,
 * with tags it refuses to replace the document at those versions (weak comparison). Both
 * conditions must hold; `If-Match` with `If-None-Match: *` never can (412 either way).
 */
export function putOptionsOf(event: ApiEvent): PutOptions {
  const headers = preconditionsOf(event);
  const { ifMatch, ifNoneMatch } = headers;
  if (ifNoneMatch === '*') return ifMatch === undefined ? { exists: false } : { ifVersion: [] };
  const conditions = writeConditions(headers);
  return ifMatch === '*' ? { exists: true, ...conditions } : conditions;
}
