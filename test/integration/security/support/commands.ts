import type { CommandStartedEvent, Document, MongoClient } from 'mongodb';

/**
 * Query and pipeline operators the library itself writes (grep lib/ for `$`): anything else in
 * a filter or pipeline can only have come from a client. The hostile payloads use operators
 * outside this list, so a leak of theirs is always reported.
 */
export const LIBRARY_OPERATORS = new Set([
  '$in',
  '$type',
  '$exists',
  '$gt',
  '$lt',
  '$or',
  '$and',
  '$match',
  '$lookup',
  '$project',
  '$size',
  '$group',
  '$sum',
  '$sort',
  '$limit',
  '$skip',
  '$count',
  '$facet',
  // GET /books?q=: the route builds `{ $text: { $search: q } }`; q is only ever its string.
  '$text',
  '$search',
  // List filters (lib/model/filters.ts): the comparisons a route declares, over typed values.
  '$eq',
  '$gte',
  '$lte',
  // PUT's replacement pipeline (lib/model/replace.ts): the stored createdAt and version; the
  // client's values go in `$literal`, which is checked as data.
  '$replaceWith',
  '$ifNull',
  '$add',
]);
export const UPDATE_OPERATORS = new Set(['$set', '$unset', '$inc', '$push', '$setOnInsert']);
/** Object keys that would pollute prototypes if copied with assignment semantics. */
export const PROTO_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Finding = string;

/** Every key of a value at any depth, with its JSON path. */
function* keysOf(value: unknown, path = ''): Generator<[string, string, unknown]> {
  if (value === null || typeof value !== 'object') return;
  if ((value as { _bsontype?: unknown })._bsontype !== undefined || value instanceof Date) return;
  for (const [key, child] of Object.entries(value)) {
    yield [key, `${path}/${key}`, child];
    yield* keysOf(child, `${path}/${key}`);
  }
}

/** Data (stored documents, values set by an update) carries no `$` key and no prototype key. */
function checkData(where: string, data: unknown, out: Finding[]) {
  for (const [key, path] of keysOf(data)) {
    if (key.startsWith('$') || PROTO_KEYS.has(key)) out.push(`${where}${path}: data key ${key}`);
  }
}

/**
 * A PUT's `If-None-Match` versions (lib/model/replace.ts): `$nin` of integers on `version`
 * only. `$nin` stays a client operator everywhere else (the hostile payloads use it).
 */
const isVersionList = (path: string, value: unknown) =>
  path.endsWith('/version/$nin') &&
  Array.isArray(value) &&
  value.every((v) => v === null || Number.isInteger(v));

/**
 * A filter or pipeline uses only the library's own operators; what a `$literal` holds is data
 * (a client's values in a replacement), so it carries no `$` key either.
 */
function checkQuery(where: string, query: unknown, out: Finding[]) {
  const literals: string[] = [];
  for (const [key, path, value] of keysOf(query)) {
    if (literals.some((l) => path.startsWith(l))) continue;
    if (key === '$nin' && isVersionList(path, value)) continue;
    if (key === '$literal') {
      literals.push(`${path}/`);
      checkData(`${where}${path}`, value, out);
      continue;
    }
    if (key.startsWith('$') && !LIBRARY_OPERATORS.has(key)) {
      out.push(`${where}${path}: operator ${key}`);
    }
    if (PROTO_KEYS.has(key)) out.push(`${where}${path}: key ${key}`);
  }
}

function checkUpdate(where: string, update: unknown, out: Finding[]) {
  if (Array.isArray(update)) return checkQuery(where, update, out);
  for (const [op, fields] of Object.entries((update ?? {}) as Document)) {
    if (!op.startsWith('$')) checkData(where, { [op]: fields }, out);
    else if (!UPDATE_OPERATORS.has(op)) out.push(`${where}/${op}: update operator ${op}`);
    else checkData(`${where}/${op}`, fields, out);
  }
}

/** What a command sends as filters, pipelines, updates and documents, checked. */
export function inspectCommand(name: string, command: Document): Finding[] {
  const out: Finding[] = [];
  const at = (field: string) => `${name}.${field}`;
  if (name === 'insert') checkData(at('documents'), command.documents, out);
  if (name === 'find') checkQuery(at('filter'), command.filter, out);
  if (name === 'aggregate') checkQuery(at('pipeline'), command.pipeline, out);
  if (name === 'count' || name === 'distinct') checkQuery(at('query'), command.query, out);
  if (name === 'delete') {
    for (const d of command.deletes ?? []) checkQuery(at('deletes.q'), d.q, out);
  }
  if (name === 'update') {
    for (const u of command.updates ?? []) {
      checkQuery(at('updates.q'), u.q, out);
      checkUpdate(at('updates.u'), u.u, out);
    }
  }
  if (name === 'findAndModify') {
    checkQuery(at('query'), command.query, out);
    checkUpdate(at('update'), command.update, out);
  }
  return out;
}

/** Records every command the handlers' cached client starts (it must monitor commands). */
export class CommandLog {
  readonly events: CommandStartedEvent[] = [];

  attach(client: MongoClient): void {
    if (!client.options.monitorCommands) throw new Error('the client does not monitor commands');
    client.on('commandStarted', (event) => this.events.push(event));
  }

  clear(): void {
    this.events.length = 0;
  }

  /** Names of the data commands seen (so a test can tell that the database was reached). */
  names(): string[] {
    return this.events.map((e) => e.commandName);
  }

  findings(): Finding[] {
    return this.events.flatMap((e) => inspectCommand(e.commandName, e.command));
  }
}
