import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandError } from '#localdb/errors.ts';
import {
  EARTH_RADIUS_M,
  inPolygons,
  pointOf,
  polygonsOf,
  sphericalAngle,
  verticesOf,
} from '#localdb/query/geo/geometry.ts';
import { $geoIntersects, $geoWithin } from '#localdb/query/geo/operators.ts';
import { queryOptions } from '#localdb/query/query-options.ts';

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

describe('geometry.ts', () => {
  it('reads GeoJSON points and legacy pairs, and every vertex of other geometries', () => {
    expect(pointOf({ type: 'Point', coordinates: [1, 2] })).toEqual([1, 2]);
    expect(pointOf([3, 4])).toEqual([3, 4]);
    expect(pointOf({ lng: 5, lat: 6 })).toEqual([5, 6]);
    expect(pointOf({ type: 'Point', coordinates: ['x', 2] })).toBeUndefined();
    expect(
      verticesOf({
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      }),
    ).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('measures great circles (a quarter of the equator is π/2)', () => {
    expect(sphericalAngle([0, 0], [90, 0])).toBeCloseTo(Math.PI / 2, 12);
    expect(sphericalAngle([0, 0], [0, 90]) * EARTH_RADIUS_M).toBeCloseTo(
      (Math.PI / 2) * 6_378_100,
      3,
    );
  });

  it('places points in polygons with holes, edges inside', () => {
    const polygons = polygonsOf({
      type: 'Polygon',
      coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)],
    });
    expect(polygons).toBeDefined();
    const inside = (x: number, y: number) => inPolygons([x, y], polygons ?? []);
    expect(inside(1, 1)).toBe(true);
    expect(inside(5, 5)).toBe(false);
    expect(inside(10, 5)).toBe(true);
    expect(inside(11, 5)).toBe(false);
    expect(
      polygonsOf({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
          ],
        ],
      }),
    ).toBeUndefined();
  });
});

describe('$geoWithin legacy shapes (operators.ts)', () => {
  const within = (shape: object, at: [number, number]) =>
    $geoWithin('p', shape, queryOptions() as never)({ p: at });

  it('reads $box, $polygon and $center in the plane, and refuses other shapes', () => {
    const box = {
      $box: [
        [0, 0],
        [2, 2],
      ],
    };
    const triangle = {
      $polygon: [
        [0, 0],
        [4, 0],
        [0, 4],
      ],
    };
    const circle = { $center: [[0, 0], 1] };
    const cases: [object, [number, number], boolean][] = [
      [box, [1, 1], true],
      [box, [3, 1], false],
      [triangle, [1, 1], true],
      [triangle, [3, 3], false],
      [circle, [0.6, 0.6], true],
      [circle, [0.8, 0.8], false],
    ];
    for (const [shape, at, inside] of cases) expect(within(shape, at)).toBe(inside);
    expect(() => within({ $circle: [] }, [0, 0])).toThrow(/not a valid shape/);
  });
});

describe('geo operators under arbitrary arguments', () => {
  const coordinate = fc.oneof(fc.double({ min: -200, max: 200, noNaN: true }), fc.constant('x'));
  const shape = fc.letrec((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      coordinate,
      fc.array(tie('v'), { maxLength: 5 }),
      fc.record({
        type: fc.constantFrom('Point', 'Polygon', 'MultiPolygon', 'LineString'),
        coordinates: tie('v'),
      }),
    ),
  })).v;

  it('answer a predicate or a CommandError, and predicates never throw', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('$geometry', '$centerSphere', '$box', '$polygon', '$center'),
        shape,
        shape,
        (kind, spec, stored) => {
          for (const operator of [$geoWithin, $geoIntersects]) {
            let test: ((o: { p: unknown }) => boolean) | undefined;
            try {
              test = operator('p', { [kind]: spec }, queryOptions() as never);
            } catch (error) {
              expect(error).toBeInstanceOf(CommandError);
            }
            expect(typeof (test?.({ p: stored }) ?? false)).toBe('boolean');
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
