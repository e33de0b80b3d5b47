/** The keys of a PATCH body whose value may be `null`: the fields a client may clear. */
type NullableKeys<T> = { [K in keyof T & string]-?: null extends T[K] ? K : never }[keyof T &
  string];

/** A PATCH body's fields as `set` and `unset`, the shape of a model's `Changes`. */
export interface PatchChanges<T> {
  readonly set: { [K in keyof T]?: Exclude<T[K], null> };
  readonly unset: readonly NullableKeys<T>[];
}

/**
 * JSON merge-patch's rule (RFC 7396) for a validated PATCH body: `null` clears a field
 * (`$unset`), any other value sets it (`$set`), an absent one is left as it is.
 */
export function patchChanges<T extends Record<string, unknown>>(body: T): PatchChanges<T> {
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (value === null) unset.push(key);
    else if (value !== undefined) set[key] = value;
  }
  return { set, unset } as unknown as PatchChanges<T>;
}
