import type { Binary, BSONRegExp, ObjectId, Timestamp } from 'bson';
import { bsonTag, TypeRank, toNumber, typeRank } from './bson-type.ts';

/**
 * A string that is equal for two BSON values exactly when MongoDB's equality holds (1, Int32(1),
 * Long(1) and Double(1.0) share a key; null and missing share a key). Index maps are keyed by it.
 */
export function canonicalKey(value: unknown): string {
  switch (typeRank(value)) {
    case TypeRank.Null:
      return 'z';
    case TypeRank.MinKey:
      return 'min';
    case TypeRank.MaxKey:
      return 'max';
    case TypeRank.Number: {
      if (bsonTag(value) === 'Long') return `n${value!.toString()}`;
      const n = toNumber(value);
      return `n${Object.is(n, -0) ? 0 : n}`;
    }
    case TypeRank.String:
      return `s${JSON.stringify(String(value))}`;
    case TypeRank.Boolean:
      return value ? 'T' : 'F';
    case TypeRank.Date:
      return `d${(value as Date).getTime()}`;
    case TypeRank.ObjectId:
      return `o${(value as ObjectId).toHexString()}`;
    case TypeRank.BinData: {
      if (value instanceof Uint8Array) return `b0:${Buffer.from(value).toString('base64')}`;
      const bin = value as Binary;
      return `b${bin.sub_type}:${Buffer.from(bin.buffer).toString('base64')}`;
    }
    case TypeRank.Timestamp: {
      const ts = value as Timestamp;
      return `t${ts.t}:${ts.i}`;
    }
    case TypeRank.Regex: {
      if (value instanceof RegExp) return `r/${value.source}/${value.flags}`;
      const r = value as BSONRegExp;
      return `r/${r.pattern}/${r.options}`;
    }
    case TypeRank.Array:
      return `[${(value as unknown[]).map(canonicalKey).join(',')}]`;
    default: {
      const parts: string[] = [];
      for (const [k, v] of Object.entries(value as object)) {
        if (v !== undefined) parts.push(`${JSON.stringify(k)}:${canonicalKey(v)}`);
      }
      return `{${parts.join(',')}}`;
    }
  }
}
