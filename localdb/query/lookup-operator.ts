import type { Iterator } from 'mingo/lazy';
import { Lazy } from 'mingo/lazy';
import { $lookup as mingoLookup } from 'mingo/operators/pipeline';
import type { AnyObject, Options } from 'mingo/types';
import { ensureArray, HashMap, resolve } from 'mingo/util';
import { collationOf } from './collation.ts';
import { toView } from './view.ts';

/** The documents a `$lookup` joins, from the stage's input (commands/data/lookup-source.ts). */
export type JoinSource = (input: readonly AnyObject[]) => AnyObject[];
type LookupExpr = Parameters<typeof mingoLookup>[1];
const MATCHES = '\u0000matches';
const JOINED = '\u0000joined';

/** The document with its JOINED field moved to `path`, each level along it a fresh object. */
function placeAt(doc: AnyObject, path: readonly string[]): AnyObject {
  const { [JOINED]: joined, ...rest } = doc;
  const set = (node: unknown, at: number): AnyObject => {
    const copy: AnyObject =
      node !== null && typeof node === 'object' && !Array.isArray(node) ? { ...node } : {};
    const key = path[at] as string;
    copy[key] = at === path.length - 1 ? joined : set(copy[key], at + 1);
    return copy;
  };
  return set(rest, 0);
}

/**
 * The equality form (`localField`/`foreignField`). Its `from` may be a JoinSource: the stage's
 * input is gathered first and the join reads only the documents its keys can match. A client
 * cannot send one (BSON carries no functions): only localdb's own rewrite of a pipeline puts it
 * there. An array `localField` joins only its matches: mingo adds an `undefined` (a null on the
 * wire) for each element that matched nothing.
 */
function equalityLookup(collection: Iterator, expr: LookupExpr, options: Options): Iterator {
  const from: unknown = expr.from;
  const fold = collationOf(options.collation)?.fold;
  const join = fold ? foldedJoin(fold) : mingoLookup;
  const joined =
    typeof from !== 'function'
      ? join(collection, expr, options)
      : collection.transform((docs) =>
          join(Lazy(docs), { ...expr, from: (from as JoinSource)(docs as AnyObject[]) }, options),
        );
  return joined.map((doc: AnyObject) => {
    const matches = doc[expr.as];
    return Array.isArray(matches) && matches.includes(undefined)
      ? { ...doc, [expr.as]: matches.filter((m) => m !== undefined) }
      : doc;
  });
}

/**
 * mingo's equality join with the keys compared folded, as a case- or accent-folding collation
 * compares them; the documents, local and joined, keep their case.
 */
function foldedJoin(fold: (s: string) => string) {
  return (collection: Iterator, expr: LookupExpr, options: Options): Iterator => {
    const { from, localField, foreignField } = expr;
    const foreign: unknown =
      typeof from === 'string' ? options.collectionResolver?.(from) : (from as unknown);
    const byKey = HashMap.init<unknown, AnyObject[]>();
    for (const doc of Array.isArray(foreign) ? (foreign as AnyObject[]) : []) {
      for (const v of ensureArray(resolve(doc, foreignField as string) ?? null)) {
        const key = toView(v, fold);
        const docs = byKey.get(key) ?? [];
        if (docs.length === 0) byKey.set(key, docs);
        docs.push(doc);
      }
    }
    return collection.map((doc: AnyObject) => {
      const local = resolve(doc, localField as string) ?? null;
      const matches = Array.isArray(local)
        ? [...new Set(local.flatMap((v) => byKey.get(toView(v, fold)) ?? []))]
        : (byKey.get(toView(local, fold)) ?? []);
      return { ...doc, [expr.as]: matches };
    });
  };
}

/**
 * mingo's `$lookup` with MongoDB's semantics where they differ, and join sources. With
 * `localField`/`foreignField` and a `pipeline` (MongoDB 5.0's concise correlated form), the
 * pipeline runs over each document's matches; mingo ran it over the whole foreign collection
 * whenever one matched. Here the equality join comes first, then the pipeline, with `let`, over
 * its matches alone. In the pipeline form a JoinSource `from` is asked once per document for
 * the foreign documents that document's pipeline may keep.
 */
export function $lookup(collection: Iterator, expr: LookupExpr, options: Options): Iterator {
  // A dotted `as` names a path, as in `$addFields` (`as: 'author.books'`): joined under a name
  // of its own, then moved there. mingo wrote a field literally named 'author.books'.
  if (typeof expr.as === 'string' && expr.as.includes('.'))
    return $lookup(collection, { ...expr, as: JOINED }, options).map((doc: AnyObject) =>
      placeAt(doc, expr.as.split('.')),
    );
  const { pipeline, let: variables, ...equality } = expr;
  // The pipeline-only form of mingo's $lookup, for one document over the given documents.
  const piped = (doc: AnyObject, from: AnyObject[]): AnyObject => {
    const [joined] = mingoLookup(
      Lazy([doc]),
      { from, let: variables, pipeline, as: expr.as },
      options,
    ).collect<AnyObject>();
    return joined as AnyObject;
  };
  const hasEquality = expr.localField !== undefined && expr.foreignField !== undefined;
  const hasPipeline = Array.isArray(pipeline) && pipeline.length > 0;
  if (hasEquality && hasPipeline) {
    // The matches under a name no client can send (BSON keys hold no NUL), so `let` still reads
    // the document as it came in, also a field named like `as`.
    return equalityLookup(collection, { ...equality, as: MATCHES }, options).map(
      (joined: AnyObject) => {
        const { [MATCHES]: matches, ...doc } = joined;
        return piped(doc, matches as AnyObject[]);
      },
    );
  }
  if (hasEquality) return equalityLookup(collection, expr, options);
  const from: unknown = expr.from;
  if (typeof from !== 'function') return mingoLookup(collection, expr, options);
  return collection.map((doc: AnyObject) => piped(doc, (from as JoinSource)([doc])));
}
