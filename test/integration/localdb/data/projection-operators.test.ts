import { describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

/** find's projection operators, `$slice` and `$elemMatch`, as mongod answers them. */
describe('find projection operators', () => {
  const own = useTestDb('projection_ops', (db) =>
    db.collection('posts').insertOne({
      _id: 1,
      scores: [70, 85, 90, 60],
      meta: { tags: ['a', 'b', 'c'], by: 'x' },
      comments: [{ by: 'ann' }, { by: 'bob' }],
    } as never),
  );
  const find = (projection: object) =>
    own.db.collection('posts').find({}, { projection }).toArray();

  it('$slice alone keeps every other field: first n, last n, n after a skip, in embedded documents', async () => {
    const whole = (scores: number[], tags = ['a', 'b', 'c']) => ({
      _id: 1,
      scores,
      meta: { tags, by: 'x' },
      comments: [{ by: 'ann' }, { by: 'bob' }],
    });
    expect(await find({ scores: { $slice: 2 } })).toEqual([whole([70, 85])]);
    expect(await find({ scores: { $slice: -1 } })).toEqual([whole([60])]);
    expect(await find({ scores: { $slice: [1, 2] } })).toEqual([whole([85, 90])]);
    expect(await find({ scores: { $slice: [-2, 5] } })).toEqual([whole([90, 60])]);
    expect(await find({ 'meta.tags': { $slice: 1 } })).toEqual([whole([70, 85, 90, 60], ['a'])]);
    const { comments: _dropped, ...rest } = whole([70]);
    expect(await find({ scores: { $slice: 1 }, comments: 0 })).toEqual([rest]);
  });

  it('$slice beside an inclusion keeps only what is included', async () => {
    expect(await find({ scores: { $slice: 1 }, 'meta.by': 1 })).toEqual([
      { _id: 1, scores: [70], meta: { by: 'x' } },
    ]);
  });

  it('$elemMatch answers the first matching element, of documents or of scalars', async () => {
    expect(await find({ comments: { $elemMatch: { by: 'bob' } } })).toEqual([
      { _id: 1, comments: [{ by: 'bob' }] },
    ]);
    expect(await find({ scores: { $elemMatch: { $gt: 80, $lt: 95 } } })).toEqual([
      { _id: 1, scores: [85] },
    ]);
    expect(await find({ scores: { $elemMatch: { $gt: 100 } } })).toEqual([{ _id: 1 }]);
  });
});
