import { isPlainObject } from '../paths.ts';
import { holdsInexact, keepStoredType, originOf } from '../view.ts';

type Fold = ((s: string) => string) | undefined;

/**
 * The value at an aggregation field path (`a.b`, given split) of a view document, as mongod resolves it
 * (through arrays, element by element), with each number found keeping the BSON type it is
 * stored with: the view holds it as a JS number, the object holding it remembers the stored one.
 * Objects and arrays on the way are answered as the view's own, which keep their origins.
 */
export function typedPath(doc: unknown, parts: readonly string[], fold?: Fold): unknown {
  return walk(doc, parts, 0, fold);
}

function walk(node: unknown, parts: readonly string[], at: number, fold: Fold): unknown {
  if (Array.isArray(node)) {
    const values: unknown[] = [];
    for (const element of node) {
      if (!Array.isArray(element) && !isPlainObject(element)) continue;
      const value = walk(element, parts, at, fold);
      if (value !== undefined) values.push(value);
    }
    return values;
  }
  if (!isPlainObject(node)) return undefined;
  const key = parts[at] as string;
  const child = node[key];
  if (at + 1 < parts.length) return walk(child, parts, at + 1, fold);
  if (Array.isArray(child)) return typedElements(child, fold);
  if (child !== null && typeof child === 'object') return child;
  if (!fold && !holdsInexact(node)) return child;
  return keepStoredType(
    child,
    (originOf(node) as Record<string, unknown> | undefined)?.[key],
    fold,
  );
}

/** An array's numbers with their stored types (its objects stay views). */
function typedElements(array: readonly unknown[], fold: Fold): unknown[] {
  if (!fold && !holdsInexact(array)) return [...array];
  const origin = originOf(array) as unknown[] | undefined;
  return array.map((v, i) =>
    v !== null && typeof v === 'object' ? v : keepStoredType(v, origin?.[i], fold),
  );
}
