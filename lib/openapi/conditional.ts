import type { RouteDoc } from '#lib/http/route-doc.ts';
import { CONTENT_TAG_HEADER, ETAG_HEADER } from './common.ts';

type JsonSchema = Record<string, unknown>;

const TAG_LIST = { type: 'string', examples: ['"3"', '"3", "4"', '*'] };

const IF_MATCH = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description:
    'Change only while the document is at this ETag (its version): else 412, nothing written',
  schema: TAG_LIST,
};

/** A GET answer without a document version of its own is tagged by content (lib/http). */
const taggedByContent = (doc: RouteDoc) => doc.method === 'GET' && doc.conditional === undefined;

/** The precondition header a conditional route takes, as an OpenAPI header parameter. */
export function conditionalParameters(doc: RouteDoc): JsonSchema[] {
  if (taggedByContent(doc)) {
    return [
      {
        name: 'If-None-Match',
        in: 'header',
        required: false,
        description:
          'The ETag of an earlier answer: 304 without a body while the answer is the same',
        schema: { type: 'string', examples: ['W/"Yq6…"', '*'] },
      },
    ];
  }
  if (doc.conditional === 'read') {
    return [
      {
        name: 'If-None-Match',
        in: 'header',
        required: false,
        description: 'ETags the client holds: 304 without a body when the document is at one',
        schema: TAG_LIST,
      },
    ];
  }
  if (doc.conditional === 'write') {
    return [
      IF_MATCH,
      {
        name: 'If-None-Match',
        in: 'header',
        required: false,
        description:
          'Change only while the document is at none of these ETags (weak comparison): else 412; `*` is never met by an existing document',
        schema: TAG_LIST,
      },
    ];
  }
  if (doc.conditional === 'upsert') {
    return [
      {
        ...IF_MATCH,
        description: `${IF_MATCH.description}; \`*\`: only replace, never create`,
      },
      {
        name: 'If-None-Match',
        in: 'header',
        required: false,
        description:
          '`*`: only create, never replace (412 when the document exists); ETags: never replace the document at one of them (412)',
        schema: TAG_LIST,
      },
    ];
  }
  return [];
}

/** The ETag header on a conditional route's successful answers, and its 304. */
export function conditionalResponses(
  doc: RouteDoc,
): Readonly<Record<number, RouteDoc['responses'][number]>> {
  if (taggedByContent(doc)) {
    const responses: Record<number, RouteDoc['responses'][number]> = { ...doc.responses };
    const ok = doc.responses[200];
    if (ok) responses[200] = { ...ok, headers: { ...ok.headers, ...CONTENT_TAG_HEADER } };
    responses[304] = {
      description: 'Not modified: the answer is the one of the If-None-Match ETag',
      headers: CONTENT_TAG_HEADER,
    };
    return responses;
  }
  if (!doc.conditional) return doc.responses;
  const responses: Record<number, RouteDoc['responses'][number]> = {};
  for (const [status, response] of Object.entries(doc.responses)) {
    responses[Number(status)] =
      Number(status) < 300 && response.schema
        ? { ...response, headers: { ...response.headers, ...ETAG_HEADER } }
        : response;
  }
  if (doc.conditional === 'read') {
    responses[304] = {
      description: 'Not modified: the If-None-Match ETag is current',
      headers: ETAG_HEADER,
    };
  }
  return responses;
}
