import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { isNumeric, toNumber } from '../bson-type.ts';
import { isPlainObject } from '../paths.ts';
import { toView } from '../view.ts';
import {
  EARTH_RADIUS_M,
  locationsAt,
  type Point,
  planarDistance,
  pointOf,
  sphericalAngle,
  verticesOf,
} from './geometry.ts';

/** A `$near`/`$nearSphere` (or `$geoNear`): where from, how distances are measured, the bounds. */
export interface NearQuery {
  readonly path: string;
  readonly center: Point;
  /** 'meters' on the sphere (GeoJSON), 'radians' on the sphere (legacy $nearSphere), or planar. */
  readonly unit: 'meters' | 'radians' | 'planar';
  readonly min: number | undefined;
  readonly max: number | undefined;
}

function bound(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!isNumeric(value) || toNumber(value) < 0) {
    throw new CommandError('BadValue', `${name} must be a non-negative number`);
  }
  return toNumber(value);
}

/** A near query's center and unit from `near` (GeoJSON point or legacy pair). */
export function nearCenter(near: unknown, sphere: boolean): Pick<NearQuery, 'center' | 'unit'> {
  const geoJson = isPlainObject(near) && near.type !== undefined;
  const center = pointOf(near);
  if (!center) throw new CommandError('BadValue', 'invalid point in geo near query');
  return { center, unit: geoJson ? 'meters' : sphere ? 'radians' : 'planar' };
}

function parseNear(path: string, spec: Document): NearQuery {
  const operator = '$near' in spec ? '$near' : '$nearSphere';
  const arg: unknown = spec[operator];
  if (isPlainObject(arg) && '$geometry' in arg) {
    return {
      path,
      ...nearCenter(arg.$geometry, true),
      min: bound(arg.$minDistance, '$minDistance'),
      max: bound(arg.$maxDistance, '$maxDistance'),
    };
  }
  return {
    path,
    ...nearCenter(arg, operator === '$nearSphere'),
    min: bound(spec.$minDistance, '$minDistance'),
    max: bound(spec.$maxDistance, '$maxDistance'),
  };
}

/** A filter's `$near`/`$nearSphere` (on a top-level field condition) split from the rest. */
export function splitNear(filter: Document): { near: NearQuery; rest: Document } | undefined {
  let near: NearQuery | undefined;
  const rest: Document = {};
  for (const [key, value] of Object.entries(filter)) {
    if (
      !key.startsWith('$') &&
      isPlainObject(value) &&
      ('$near' in value || '$nearSphere' in value)
    ) {
      if (near) throw new CommandError('BadValue', 'Too many geoNear expressions');
      near = parseNear(key, toView(value) as Document);
    } else rest[key] = value;
  }
  return near ? { near, rest } : undefined;
}

/** The distance from the query's center to the nearest of the document's locations at its path. */
export function distanceOf(doc: Document, near: NearQuery): number | undefined {
  let best: number | undefined;
  for (const value of locationsAt(doc, near.path)) {
    for (const vertex of verticesOf(value)) {
      const d =
        near.unit === 'planar'
          ? planarDistance(vertex, near.center)
          : sphericalAngle(vertex, near.center) * (near.unit === 'meters' ? EARTH_RADIUS_M : 1);
      if (best === undefined || d < best) best = d;
    }
  }
  if (best === undefined) return undefined;
  if (near.min !== undefined && best < near.min) return undefined;
  if (near.max !== undefined && best > near.max) return undefined;
  return best;
}

/** The geo index a near query needs on its path, or mongod's error without one. */
export function requireGeoIndex(
  specs: Iterable<{ key: Readonly<Record<string, unknown>> }>,
  path: string,
): void {
  for (const spec of specs) {
    const kind = spec.key[path];
    if (kind === '2dsphere' || kind === '2d') return;
  }
  throw new CommandError(
    'NoQueryExecutionPlans',
    'error processing query: planner returned error :: caused by :: unable to find index for $geoNear query',
  );
}
