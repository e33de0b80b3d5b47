import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import type { Collection } from '../../storage/collection.ts';

/** Refuses a hint naming no existing index, as MongoDB's planner does; indexes are otherwise chosen by the engine. */
export function checkHint(collection: Collection | undefined, hint: unknown): void {
  if (hint === undefined || hint === null || !collection) return;
  const specs = collection.indexSpecs();
  if (typeof hint === 'string') {
    if (specs.some((s) => s.name === hint)) return;
  } else if (typeof hint === 'object') {
    const wanted = JSON.stringify(Object.entries(hint as Document).map(([k, v]) => [k, Number(v)]));
    if (Object.keys(hint as Document).length === 0) return;
    if (
      specs.some(
        (s) => JSON.stringify(Object.entries(s.key).map(([k, v]) => [k, Number(v)])) === wanted,
      )
    )
      return;
    if ('$natural' in (hint as Document)) return;
  }
  throw new CommandError('BadValue', 'hint provided does not correspond to an existing index');
}
