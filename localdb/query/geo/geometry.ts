import { getPath, isPlainObject, pathValues } from '../paths.ts';

export type Point = readonly [x: number, y: number];
type Ring = readonly Point[];

/** mongod's earth radius (kRadiusOfEarthInMeters). */
export const EARTH_RADIUS_M = 6_378_100;

function pair(value: unknown): Point | undefined {
  if (Array.isArray(value)) {
    const [x, y] = value;
    return typeof x === 'number' && typeof y === 'number' ? [x, y] : undefined;
  }
  if (isPlainObject(value) && !('type' in value)) {
    const [x, y] = Object.values(value);
    return typeof x === 'number' && typeof y === 'number' ? [x, y] : undefined;
  }
  return undefined;
}

/** A GeoJSON Point or a legacy coordinate pair (`[x, y]`, `{ lng, lat }`); undefined otherwise. */
export function pointOf(value: unknown): Point | undefined {
  if (isPlainObject(value) && value.type === 'Point') return pair(value.coordinates);
  return pair(value);
}

/** The locations a document holds at a path: a legacy pair whole, else each value found there. */
export function locationsAt(doc: unknown, path: string): unknown[] {
  const direct = getPath(doc, path);
  return pair(direct) ? [direct] : pathValues(doc, path);
}

/** Every vertex of a stored GeoJSON geometry (a point is its own): what localdb compares. */
export function verticesOf(value: unknown): Point[] {
  const point = pointOf(value);
  if (point) return [point];
  if (!isPlainObject(value) || typeof value.type !== 'string') return [];
  const flat = (c: unknown): Point[] => {
    const p = pair(c);
    if (p) return [p];
    return Array.isArray(c) ? c.flatMap(flat) : [];
  };
  return flat(value.coordinates);
}

/** Great-circle angle between two [lng, lat] points, in radians (haversine). */
export function sphericalAngle(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function planarDistance(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Whether a point lies in a ring (ray casting on the coordinates; edges count as inside). */
export function inRing(point: Point, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i] as Point;
    const [xj, yj] = ring[j] as Point;
    const onEdge =
      (point[0] - xi) * (yj - yi) === (point[1] - yi) * (xj - xi) &&
      Math.min(xi, xj) <= point[0] &&
      point[0] <= Math.max(xi, xj) &&
      Math.min(yi, yj) <= point[1] &&
      point[1] <= Math.max(yi, yj);
    if (onEdge) return true;
    if (
      yi > point[1] !== yj > point[1] &&
      point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi
    )
      inside = !inside;
  }
  return inside;
}

/** The rings of a GeoJSON Polygon's or MultiPolygon's coordinates: [outer, ...holes] each. */
export function polygonsOf(geometry: unknown): Ring[][] | undefined {
  if (!isPlainObject(geometry)) return undefined;
  const rings = (c: unknown): Ring[] | undefined => {
    if (!Array.isArray(c) || c.length === 0) return undefined;
    const out = c.map((ring) => (Array.isArray(ring) && ring.length >= 4 ? ring.map(pair) : []));
    return out.every((ring) => ring.length > 0 && ring.every((p) => p !== undefined))
      ? (out as Ring[])
      : undefined;
  };
  if (geometry.type === 'Polygon') {
    const polygon = rings(geometry.coordinates);
    return polygon ? [polygon] : undefined;
  }
  if (geometry.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)) {
    const all = geometry.coordinates.map(rings);
    return all.every((p) => p !== undefined) ? (all as Ring[][]) : undefined;
  }
  return undefined;
}

/** Whether a point lies in a polygon: in its outer ring and in none of its holes. */
export function inPolygons(point: Point, polygons: readonly Ring[][]): boolean {
  return polygons.some(
    ([outer, ...holes]) =>
      outer !== undefined && inRing(point, outer) && !holes.some((hole) => inRing(point, hole)),
  );
}
