import type { Document } from 'bson';
import { CommandError } from '../errors.ts';
import { formatValue } from '../storage/format-key.ts';
import { isPlainObject } from './paths.ts';

/** Operators that create the fields their paths name (a `$rename` creates its target). */
const CREATING = [
  '$set',
  '$setOnInsert',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$currentDate',
  '$push',
  '$addToSet',
];

function targetPaths(modifier: Document): string[] {
  const paths: string[] = [];
  for (const op of CREATING)
    if (isPlainObject(modifier[op])) paths.push(...Object.keys(modifier[op]));
  if (isPlainObject(modifier.$rename)) paths.push(...Object.values(modifier.$rename).map(String));
  return paths;
}

/**
 * Refuses what mongod refuses before it changes anything: a path with an empty field name
 * (`a..b`: EmptyFieldName), and a field to create under a value that cannot hold it (`a.b`
 * where `a` is null, a number or a string, or names no index of an array: PathNotViable).
 * mingo created `{ '': … }` or replaced the value.
 */
export function checkUpdatePaths(doc: Document, modifier: Document): void {
  for (const fields of Object.values(modifier)) {
    if (!isPlainObject(fields)) continue;
    for (const path of Object.keys(fields)) {
      if (path.split('.').includes(''))
        throw new CommandError(
          'EmptyFieldName',
          `The update path '${path}' contains an empty field name, which is not allowed.`,
        );
    }
  }
  for (const path of targetPaths(modifier)) {
    if (path.includes('$')) continue;
    const parts = path.split('.');
    let node: unknown = doc;
    for (const [i, part] of parts.slice(0, -1).entries()) {
      const value: unknown = Array.isArray(node) ? node[Number(part)] : (node as Document)[part];
      if (value === undefined) break;
      const next = parts[i + 1] as string;
      const holds = isPlainObject(value) || (Array.isArray(value) && /^\d+$/.test(next));
      if (!holds) {
        throw new CommandError(
          'PathNotViable',
          `Cannot create field '${next}' in element {${part}: ${formatValue(value)}}`,
        );
      }
      node = value;
    }
  }
}
