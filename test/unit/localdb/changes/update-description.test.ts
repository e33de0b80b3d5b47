import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeUpdate, type UpdateDescription } from '#localdb/changes/update-description.ts';

type Json = unknown;
type Container = Record<string, Json> | Json[];

function child(container: Container, part: string): Json {
  return Array.isArray(container) ? container[Number(part)] : container[part];
}

/** The description applied as mongod's delta would be: truncate, unset, then set by path. */
function applyDescription(before: Record<string, Json>, description: UpdateDescription): Json {
  const doc = structuredClone(before);
  const parentOf = (path: string): [Container, string] => {
    const parts = path.split('.');
    const last = parts.pop() as string;
    let at: Container = doc;
    for (const part of parts) at = child(at, part) as Container;
    return [at, last];
  };
  for (const { field, newSize } of description.truncatedArrays) {
    const [parent, key] = parentOf(field);
    (child(parent, key) as Json[]).length = newSize;
  }
  for (const path of description.removedFields) {
    const [parent, key] = parentOf(path);
    delete (parent as Record<string, Json>)[key];
  }
  for (const [path, value] of Object.entries(description.updatedFields)) {
    const [parent, key] = parentOf(path);
    if (Array.isArray(parent)) parent[Number(key)] = value;
    else parent[key] = value;
  }
  return doc;
}

const { value: document } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: 0, max: 3 }),
    fc.constantFrom('x', 'y', null),
    tie('object'),
    fc.array(tie('value'), { maxLength: 4 }),
  ),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'c', '0'), tie('value'), { maxKeys: 4 }),
}));
const top = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), document, { maxKeys: 4 });

describe('describeUpdate (update events’ updateDescription)', () => {
  it('describes exactly the change: applied to the document before, it gives the document after', () => {
    fc.assert(
      fc.property(top, top, (before, after) => {
        expect(applyDescription(before, describeUpdate(before, after))).toEqual(after);
      }),
      { numRuns: 2000 },
    );
  });

  it('names changes inside embedded documents and arrays by dotted path, as mongod’s v2 deltas do', () => {
    const before = { a: 1, n: { x: 1 }, arr: [1, 2, 3], gone: true, list: [{ k: 1 }] };
    const after = { a: 2, n: { x: 1, y: 2 }, arr: [1, 2], list: [{ k: 2 }] };
    expect(describeUpdate(before, after)).toEqual({
      updatedFields: { a: 2, 'n.y': 2, 'list.0.k': 2 },
      removedFields: ['gone'],
      truncatedArrays: [{ field: 'arr', newSize: 2 }],
    });
    expect(describeUpdate({ arr: [1] }, { arr: [1, 5, 6] }).updatedFields).toEqual({
      'arr.1': 5,
      'arr.2': 6,
    });
    expect(describeUpdate({ v: [1] }, { v: { 0: 1 } }).updatedFields).toEqual({ v: { 0: 1 } });
  });
});
