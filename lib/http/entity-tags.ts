import { ApiError } from './errors.ts';

/** One entity tag of an `If-Match`/`If-None-Match` list (RFC 9110 §8.8.3). */
export interface EntityTag {
  readonly weak: boolean;
  /** The opaque tag without its quotes. */
  readonly opaque: string;
}

/** `*`, or the list's tags. */
export type EntityTagCondition = '*' | readonly EntityTag[];

// One element of the #list: optional whitespace, an entity tag or nothing (empty elements are
// allowed), then a comma or the end. entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, where etagc
// (%x21 / %x23-7E / obs-text) includes the comma, so the list is scanned, not split.
const ELEMENT = /[ \t]*(?:(W\/)?"([\x21\x23-\x7e\x80-\xff]*)")?[ \t]*(?:,|$)/y;

/**
 * The condition of a precondition header, undefined when it is absent; a malformed one is a
 * 400 naming the header (a condition we cannot read must not let the write through).
 */
export function parseEntityTags(
  header: string | undefined,
  name: string,
): EntityTagCondition | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return '*';
  const tags: EntityTag[] = [];
  ELEMENT.lastIndex = 0;
  while (ELEMENT.lastIndex < header.length) {
    const at = ELEMENT.lastIndex;
    const match = ELEMENT.exec(header);
    if (!match || ELEMENT.lastIndex === at) throw malformed(name);
    if (match[2] !== undefined) tags.push({ weak: match[1] !== undefined, opaque: match[2] });
  }
  if (tags.length === 0) throw malformed(name);
  return tags;
}

const malformed = (name: string) =>
  new ApiError(400, `${name} must be "*" or a list of entity tags such as "3"`, {
    type: 'invalid-precondition',
    errors: [{ pointer: `/headers/${name.toLowerCase()}`, detail: 'is not an entity tag list' }],
  });

/** A strong tag, as `ETag` carries it. */
export function formatEntityTag(opaque: string): string {
  return `"${opaque}"`;
}
