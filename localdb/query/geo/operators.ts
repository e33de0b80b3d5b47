import type { AnyObject, Options } from 'mingo/types';
import { CommandError } from '../../errors.ts';
import { isPlainObject } from '../paths.ts';
import {
  inPolygons,
  inRing,
  locationsAt,
  type Point,
  planarDistance,
  pointOf,
  polygonsOf,
  sphericalAngle,
  verticesOf,
} from './geometry.ts';

type Shape = (point: Point) => boolean;

function badShape(operator: string): CommandError {
  return new CommandError('BadValue', `${operator} not a valid shape`);
}

/** The region of a `$geoWithin` (GeoJSON polygons, `$centerSphere`, and the legacy 2d shapes). */
function withinShape(spec: unknown): Shape {
  if (!isPlainObject(spec)) throw badShape('$geoWithin');
  const [kind] = Object.keys(spec);
  const arg: unknown = kind === undefined ? undefined : spec[kind];
  if (kind === '$geometry') {
    const polygons = polygonsOf(arg);
    if (!polygons)
      throw new CommandError('BadValue', '$geoWithin requires a Polygon or MultiPolygon $geometry');
    return (p) => inPolygons(p, polygons);
  }
  if (Array.isArray(arg)) {
    const [first, second] = arg;
    const center = pointOf(first);
    if ((kind === '$centerSphere' || kind === '$center') && center && typeof second === 'number') {
      return kind === '$center'
        ? (p) => planarDistance(p, center) <= second
        : (p) => sphericalAngle(p, center) <= second;
    }
    const corner = pointOf(second);
    if (kind === '$box' && center && corner) {
      const [x0, x1] = [Math.min(center[0], corner[0]), Math.max(center[0], corner[0])];
      const [y0, y1] = [Math.min(center[1], corner[1]), Math.max(center[1], corner[1])];
      return (p) => x0 <= p[0] && p[0] <= x1 && y0 <= p[1] && p[1] <= y1;
    }
    const ring = arg.map(pointOf);
    if (kind === '$polygon' && ring.length >= 3 && ring.every((p) => p !== undefined)) {
      return (p) => inRing(p, ring as Point[]);
    }
  }
  throw badShape('$geoWithin');
}

/**
 * `$geoWithin`: every vertex of the stored geometry (a point, or a line's or polygon's corners)
 * lies in the region. No index needed, as on mongod.
 */
export function $geoWithin(selector: string, value: unknown, _options: Options) {
  const inside = withinShape(value);
  return (o: AnyObject) =>
    locationsAt(o, selector).some((v) => {
      const vertices = verticesOf(v);
      return vertices.length > 0 && vertices.every(inside);
    });
}

/**
 * `$geoIntersects` with a `$geometry`: a stored point in the polygon or equal to the point, or
 * a stored polygon holding the point. (Lines crossing lines are not computed.)
 */
export function $geoIntersects(selector: string, value: unknown, _options: Options) {
  const geometry: unknown = isPlainObject(value) ? value.$geometry : undefined;
  const polygons = polygonsOf(geometry);
  const point = polygons ? undefined : pointOf(geometry);
  if (!polygons && !point) throw badShape('$geoIntersects');
  return (o: AnyObject) =>
    locationsAt(o, selector).some((v) => {
      const stored = pointOf(v);
      if (polygons)
        return stored
          ? inPolygons(stored, polygons)
          : verticesOf(v).some((p) => inPolygons(p, polygons));
      const target = point as Point;
      if (stored) return stored[0] === target[0] && stored[1] === target[1];
      const storedPolygons = polygonsOf(v);
      return storedPolygons ? inPolygons(target, storedPolygons) : false;
    });
}
