import * as z from 'zod/mini';
import { objectIdString } from '#lib/mongo/object-id.ts';

/** `{id}` path parameter: a 24-hex ObjectId (400 otherwise), parsed into an ObjectId. */
export const IdParams = z.object({ id: objectIdString });

/** Response headers the list and create routes document. */
export const LINK_HEADER = Object.freeze({
  Link: 'RFC 8288 links to the first, prev, next (and last) pages',
});
export const LOCATION_HEADER = Object.freeze({ Location: 'Path of the created resource' });
export const ETAG_HEADER = Object.freeze({
  ETag: 'The document\'s version as a strong entity tag (`"3"`), for If-Match and If-None-Match',
});
export const CONTENT_TAG_HEADER = Object.freeze({
  ETag: 'A weak entity tag of the answer (`W/"…"`), for If-None-Match',
});
