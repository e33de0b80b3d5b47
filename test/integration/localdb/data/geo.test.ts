import { describe, expect, it } from 'vitest';
import { useTestDb } from '#test/support/test-db.ts';

const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });
/** Stored farthest from Oslo first, so nearest-first order is not the stored order. */
const PLACES = [
  { _id: 'rome', loc: point(12.5, 41.9) },
  { _id: 'stockholm', loc: point(18.07, 59.33) },
  { _id: 'bergen', loc: point(5.32, 60.39) },
  { _id: 'oslo', loc: point(10.75, 59.91) },
];
const OSLO = point(10.75, 59.91);
/** Great-circle distances from Oslo on mongod's sphere (radius 6,378.1 km), in meters. */
const FROM_OSLO = { bergen: 305_475, stockholm: 416_902 };
const NORDICS = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 55],
      [20, 55],
      [20, 65],
      [0, 65],
      [0, 55],
    ],
  ],
};

describe('geospatial queries on GeoJSON points', () => {
  const own = useTestDb('geo', async (db) => {
    await db.collection('places').insertMany(PLACES as never[]);
    await db.collection('places').createIndex({ loc: '2dsphere' });
    await db.collection('unindexed').insertMany(PLACES as never[]);
  });
  const places = () => own.db.collection<{ _id: string }>('places');
  const ids = async (filter: object) => (await places().find(filter).toArray()).map((d) => d._id);

  it('$near answers nearest first, within $minDistance and $maxDistance (meters)', async () => {
    expect(await ids({ loc: { $near: { $geometry: OSLO } } })).toEqual([
      'oslo',
      'bergen',
      'stockholm',
      'rome',
    ]);
    expect(
      await ids({ loc: { $near: { $geometry: OSLO, $minDistance: 1, $maxDistance: 400_000 } } }),
    ).toEqual(['bergen']);
    expect(await ids({ loc: { $nearSphere: { $geometry: OSLO, $maxDistance: 500_000 } } })).toEqual(
      ['oslo', 'bergen', 'stockholm'],
    );
  });

  it('$geoWithin a polygon or a spherical circle, and $geoIntersects, need no index', async () => {
    const unindexed = own.db.collection<{ _id: string }>('unindexed');
    const within = await unindexed
      .find({ loc: { $geoWithin: { $geometry: NORDICS } } }, { sort: { _id: 1 } })
      .toArray();
    expect(within.map((d) => d._id)).toEqual(['bergen', 'oslo', 'stockholm']);
    const circle = { $centerSphere: [[10.75, 59.91], 350 / 6378.1] };
    expect(await ids({ loc: { $geoWithin: circle } })).toEqual(['bergen', 'oslo']);
    const west = {
      ...NORDICS,
      coordinates: [
        [
          [0, 55],
          [11, 55],
          [11, 65],
          [0, 65],
          [0, 55],
        ],
      ],
    };
    expect(await ids({ loc: { $geoIntersects: { $geometry: west } } })).toEqual(['bergen', 'oslo']);
  });

  it('$geoNear sets the distance, applies its query, and must open the pipeline', async () => {
    const near = await places()
      .aggregate<{ _id: string; d: { m: number } }>([
        {
          $geoNear: {
            near: OSLO,
            distanceField: 'd.m',
            spherical: true,
            query: { _id: { $ne: 'oslo' } },
            maxDistance: 500_000,
          },
        },
      ])
      .toArray();
    expect(near.map((d) => d._id)).toEqual(['bergen', 'stockholm']);
    expect(near[0]?.d.m).toBeCloseTo(FROM_OSLO.bergen, -1);
    expect(near[1]?.d.m).toBeCloseTo(FROM_OSLO.stockholm, -1);
    await expect(
      places()
        .aggregate([{ $match: {} }, { $geoNear: { near: OSLO, distanceField: 'd' } }])
        .toArray(),
    ).rejects.toMatchObject({ code: 40602 });
  });

  it('refuses $near without a geo index and where no sort by distance is possible', async () => {
    const unindexed = own.db.collection('unindexed');
    await expect(
      unindexed.find({ loc: { $near: { $geometry: OSLO } } }).toArray(),
    ).rejects.toMatchObject({ code: 291 });
    await expect(
      places().countDocuments({ loc: { $near: { $geometry: OSLO } } }),
    ).rejects.toMatchObject({
      code: 5626500,
    });
  });
});
