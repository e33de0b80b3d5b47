import type { Document } from 'bson';
import type { Collection } from './collection.ts';
import { keyBounds } from './key-bounds.ts';
import type { OrderedEntries } from './ordered-entries.ts';
import type { StoredDoc } from './stored-doc.ts';

/** Above this share of the index, a range is no cheaper than the scan it would replace. */
const SELECTIVE = 0.25;

/**
 * The documents in the range the filter puts on an index's leading field (`_id` first), in natural
 * order as a scan would visit them; undefined when no index bounds the filter selectively. A
 * superset: the caller runs the whole filter on each.
 */
export function rangeCandidates(collection: Collection, filter: Document): StoredDoc[] | undefined {
  const options: [readonly string[], () => OrderedEntries | undefined][] = [
    [['_id'], () => collection.idOrder()],
  ];
  for (const index of collection.indexes.values()) {
    if (!index.complete || index.spec.sparse || !index.orderable) continue;
    options.push([
      index.fields,
      () => index.ordered(collection.docs.values(), (s) => collection.viewOf(s)),
    ]);
  }
  for (const [fields, entriesOf] of options) {
    const field = fields[0] as string;
    if (!(field in filter) && !Array.isArray(filter.$or)) continue;
    const probe = keyBounds(filter, [field], [1]);
    if (!probe.lower && !probe.upper) continue;
    const entries = entriesOf();
    // Multikey entries (array elements) would need the scan's array matching rules: skipped.
    if (!entries || entries.multikey) continue;
    const bounds = keyBounds(filter, fields, entries.directions);
    if (entries.count(bounds) > entries.size * SELECTIVE) continue;
    const found: StoredDoc[] = [];
    for (const run of entries.walk(bounds, false, fields.length).runs) {
      for (const { id } of run) {
        const stored = collection.docs.get(id);
        if (stored) found.push(stored);
      }
    }
    return found.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  }
  return undefined;
}
