import type { Document } from 'bson';
import { canonicalKey } from '../query/canonical-key.ts';
import { isPlainObject } from '../query/paths.ts';

export interface UpdateDescription {
  updatedFields: Document;
  removedFields: string[];
  truncatedArrays: Array<{ field: string; newSize: number }>;
}

const same = (a: unknown, b: unknown): boolean => canonicalKey(a) === canonicalKey(b);

/**
 * An update event's `updateDescription`, from the document before and after, in the form of
 * mongod's v2 update deltas: changes inside embedded documents and array elements by dotted
 * path (`a.b`, `tags.2`), appended elements one by one, shrunk arrays in truncatedArrays.
 */
export function describeUpdate(before: Document, after: Document): UpdateDescription {
  const description: UpdateDescription = {
    updatedFields: {},
    removedFields: [],
    truncatedArrays: [],
  };
  diffObjects(before, after, '', description);
  return description;
}

function diffObjects(
  before: Document,
  after: Document,
  prefix: string,
  out: UpdateDescription,
): void {
  for (const key of Object.keys(before))
    if (!Object.hasOwn(after, key)) out.removedFields.push(`${prefix}${key}`);
  for (const [key, value] of Object.entries(after)) {
    const path = `${prefix}${key}`;
    if (!Object.hasOwn(before, key)) out.updatedFields[path] = value;
    else diffValues(before[key], value, path, out);
  }
}

function diffValues(before: unknown, after: unknown, path: string, out: UpdateDescription): void {
  if (same(before, after)) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    diffObjects(before, after, `${path}.`, out);
  } else if (Array.isArray(before) && Array.isArray(after)) {
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++) diffValues(before[i], after[i], `${path}.${i}`, out);
    for (let i = common; i < after.length; i++) out.updatedFields[`${path}.${i}`] = after[i];
    if (after.length < before.length)
      out.truncatedArrays.push({ field: path, newSize: after.length });
  } else {
    out.updatedFields[path] = after;
  }
}
