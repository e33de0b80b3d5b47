import { bsonTag } from './bson-type.ts';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof RegExp) &&
    !(value instanceof Uint8Array) &&
    bsonTag(value) === undefined
  );
}

function collect(value: unknown, parts: readonly string[], at: number, out: unknown[]): void {
  if (at === parts.length) {
    if (Array.isArray(value)) out.push(...value);
    else out.push(value);
    return;
  }
  const part = parts[at] as string;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(part)) {
      const item = value[Number(part)];
      if (item !== undefined) collect(item, parts, at + 1, out);
    }
    for (const item of value) if (isPlainObject(item)) collect(item, parts, at, out);
    return;
  }
  if (!isPlainObject(value)) return;
  const child = value[part];
  if (child !== undefined) collect(child, parts, at + 1, out);
}

/**
 * Every value a dotted path reaches, descending through arrays as MongoDB does for queries,
 * sorts and index keys; a leaf array contributes its elements. Empty when the path is missing.
 */
export function pathValues(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  return out;
}

/** The value at a dotted path without descending into arrays (undefined when missing). */
export function getPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(value) && /^\d+$/.test(part)) value = value[Number(part)];
    else if (isPlainObject(value)) value = value[part];
    else return undefined;
  }
  return value;
}

export { isPlainObject };
