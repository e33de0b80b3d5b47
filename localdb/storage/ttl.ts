import { pathValues } from '../query/paths.ts';
import type { Collection, WriteOp } from './collection.ts';

/**
 * Deletes the documents whose TTL index date has passed, as MongoDB's TTL monitor does: a
 * document expires when its indexed date (the earliest one for an array) plus
 * expireAfterSeconds is in the past; documents without a date in the field never expire.
 */
export function expireDocuments(
  collection: Collection,
  now: number,
  apply: (op: WriteOp) => void,
): number {
  let removed = 0;
  for (const index of collection.indexes.values()) {
    const seconds = index.spec.expireAfterSeconds;
    if (seconds === undefined || index.fields.length !== 1) continue;
    const field = index.fields[0] as string;
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
