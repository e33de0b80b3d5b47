import { Aggregator } from 'mingo/aggregator';
import type { Iterator } from 'mingo/lazy';
import { Lazy } from 'mingo/lazy';
import type { AnyObject, Options } from 'mingo/types';
import { cloneView } from './view.ts';

/**
 * `$facet` as mingo runs it, each sub-pipeline over its own deep copy of the input, but copied
 * by cloneView: mingo's copy dropped the stored origins, so documents a facet passed through
 * unchanged came back with every number as an Int32 or a Double instead of its stored type.
 */
export function $facet(
  collection: Iterator,
  expr: Record<string, AnyObject[]>,
  options: Options,
): Iterator {
  return collection.transform((docs) => {
    const out: AnyObject = {};
    for (const [name, pipeline] of Object.entries(expr)) {
      out[name] = new Aggregator(pipeline, options).run(docs.map(cloneView));
    }
    return Lazy([out]);
  });
}
