import { isNumeric, toNumber } from '../query/bson-type.ts';
import { pathValues } from '../query/paths.ts';
import type { Collection } from './collection.ts';
import type { WriteOp } from './stored-doc.ts';

/**
 * Deletes the documents whose TTL index date has passed, as MongoDB's TTL monitor does: a
 * document expires when its indexed date (the earliest one for an array) plus
 * expireAfterSeconds is in the past; documents without a date in the field never expire. A time
 * series collection's `expireAfterSeconds` expires documents by their time field.
 */
export function expireDocuments(
  collection: Collection,
  now: number,
  apply: (op: WriteOp) => void,
): number {
  let removed = 0;
  const series = collection.timeSeries;
  const expiring = [...collection.indexes.values()].flatMap((index) => {
    const seconds = index.spec.expireAfterSeconds;
    return seconds === undefined || index.fields.length !== 1
      ? []
      : [{ field: index.fields[0] as string, seconds }];
  });
  // A time series collection's own expireAfterSeconds applies to its time field.
  const own = collection.options.expireAfterSeconds;
  if (series && isNumeric(own)) expiring.push({ field: series.timeField, seconds: toNumber(own) });
  for (const { field, seconds } of expiring) {
    const expired: string[] = [];
    for (const stored of collection.docs.values()) {
      const dates = pathValues(stored.doc, field).filter((v): v is Date => v instanceof Date);
      if (dates.length === 0) continue;
      const earliest = Math.min(...dates.map((d) => d.getTime()));
      if (earliest + seconds * 1000 <= now) expired.push(stored.id);
    }
    for (const id of expired) {
      if (!collection.docs.has(id)) continue;
      try {
        apply({ kind: 'delete', id });
        removed++;
      } catch {
        // Locked by an open transaction (or otherwise refused): a later pass deletes it.
      }
    }
  }
  return removed;
}
