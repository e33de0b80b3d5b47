import { describe, expect, it } from 'vitest';
import { IndexStore } from '#localdb/storage/index-store.ts';

const keys = (...list: string[]) => list.map((key) => ({ key, values: [key] }));

describe('IndexStore.snapshot', () => {
  it('shares id sets until either side changes one: changes never leak across', () => {
    const index = new IndexStore({ key: { email: 1 }, name: 'email_1', unique: true });
    index.add('1', keys('a'));
    index.add('2', keys('b'));
    const copy = index.snapshot();
    copy.remove('1', keys('a'));
    copy.add('3', keys('b'));
    index.add('4', keys('a'));
    expect([...(index.lookup('a') ?? [])]).toEqual(['1', '4']);
    expect([...(index.lookup('b') ?? [])]).toEqual(['2']);
    expect(copy.lookup('a')).toBeUndefined();
    expect([...(copy.lookup('b') ?? [])]).toEqual(['2', '3']);
  });

  it('a copy checks uniqueness on its own entries', () => {
    const index = new IndexStore({ key: { email: 1 }, name: 'email_1', unique: true });
    index.add('1', keys('a'));
    const copy = index.snapshot();
    index.remove('1', keys('a'));
    expect(() => copy.checkUnique('db.c', '2', keys('a'))).toThrow(/E11000/);
    expect(() => index.checkUnique('db.c', '2', keys('a'))).not.toThrow();
  });
});
