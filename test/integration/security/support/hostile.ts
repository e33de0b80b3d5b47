/**
 * Operator-injection and prototype-pollution payloads. The operators are all outside the
 * library's own (commands.ts), so the command log tells if one reached the database.
 */
export const OPERATOR_VALUES: readonly unknown[] = Object.freeze([
  { $ne: '' },
  { $ne: null },
  { $regex: '.*' },
  { $where: 'sleep(100) || true' },
  { $expr: { $eq: [1, 1] } },
  { $function: { body: 'return true', args: [], lang: 'js' } },
  { $nin: [] },
  { $not: { $size: 0 } },
  { $elemMatch: { $ne: 0 } },
  { $jsonSchema: {} },
  [{ $ne: '' }],
  { nested: { $where: '1' } },
]);

/** Keys no body may carry: operators, dotted paths, and prototype keys. */
export const HOSTILE_KEYS: readonly string[] = Object.freeze([
  '$where',
  '$set',
  '$ne',
  '$expr',
  'a.b',
  'author.name',
  '$.x',
  '__proto__',
  'constructor',
  'prototype',
  'x\u0000y',
]);

/** A raw JSON body that sets `polluted` through each prototype path (JSON.parse keeps them own). */
export const POLLUTING_BODIES: readonly string[] = Object.freeze([
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"name":"x","__proto__":{"polluted":"yes"}}',
  '{"books":[{"__proto__":{"polluted":"yes"},"title":"t","year":2000}]}',
  '{"books":[{"constructor":{"prototype":{"polluted":"yes"}}}]}',
  '{"editions":[{"__proto__":{"polluted":"yes"}}]}',
]);

/** Query strings that try operators and prototype paths (qs-style brackets, JSON, dotted). */
export const HOSTILE_QUERIES: readonly string[] = Object.freeze([
  'name[$ne]=',
  'year[$gt]=0',
  'year={"$ne":null}',
  '$where=1',
  'filter={"$where":"1"}',
  'cursor={"$gt":""}',
  'cursor[$ne]=x',
  'page[$gt]=0',
  'perPage=1e400',
  'limit=-1',
  '__proto__[polluted]=yes',
  'constructor[prototype][polluted]=yes',
  'author.name=x',
  'sort[$natural]=-1',
  'withBookCount[$ne]=true',
  'withTotal=true&cursor=AAAA',
]);

/** `{id}` values that are not ObjectIds. */
export const HOSTILE_IDS: readonly string[] = Object.freeze([
  '{"$ne":""}',
  '[object Object]',
  '$where',
  '0000000000000000000000000',
  '00000000000000000000000g',
  '000000000000000000000000 ',
  '../users',
  '%24ne',
  'null',
  '',
  'a'.repeat(10_000),
  '\u0000',
]);
