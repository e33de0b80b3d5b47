import { BSONRegExp, Double, Int32, Long } from 'bson';
import { describe, expect, it } from 'vitest';
import { restoreOriginals, toView } from '#localdb/query/view.ts';

describe('views', () => {
  const stored = {
    _id: 1,
    n: new Int32(2),
    l: Long.fromNumber(3),
    d: new Double(4),
    sub: { x: new Int32(5) },
    r: new BSONRegExp('a', 'ix'),
  };

  it('turn numbers into JS numbers and BSON regexes into RegExps (unsupported flags dropped)', () => {
    const view = toView(stored) as Record<string, unknown>;
    expect(view).toEqual({ _id: 1, n: 2, l: 3, d: 4, sub: { x: 5 }, r: /a/i });
  });

  it('map unchanged results back to the stored objects and keep stored types inside changed ones', () => {
    const view = toView(stored) as Record<string, unknown>;
    expect(restoreOriginals(view)).toBe(stored);
    const changed = { ...view, extra: 7 };
    expect((restoreOriginals(changed) as Record<string, unknown>).l).toBe(3);
    const restored = restoreOriginals(changed, undefined, stored) as Record<string, unknown>;
    expect(restored.l).toBe(stored.l);
    expect(restored.sub).toBe(stored.sub);
    expect(restored.extra).toBe(7);
    const mutated = toView(stored) as { sub: { x: number } };
    mutated.sub.x = 6;
    expect((restoreOriginals(mutated) as { sub: { x: unknown } }).sub.x).toBe(6);
  });
});
