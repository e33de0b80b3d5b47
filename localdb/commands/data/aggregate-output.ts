import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { canonicalKey } from '../../query/canonical-key.ts';
import { getPath, isPlainObject } from '../../query/paths.ts';
import { applyUpdate } from '../../query/update.ts';
import { withIdFirst } from '../../storage/document-id.ts';
import type { Engine } from '../../storage/engine.ts';

function target(spec: unknown, db: string, stage: string): [string, string] {
  if (typeof spec === 'string') return [db, spec];
  if (isPlainObject(spec) && typeof spec.coll === 'string') {
    return [typeof spec.db === 'string' ? spec.db : db, spec.coll];
  }
  throw new CommandError(
    'FailedToParse',
    `${stage} stage requires a collection name or {db, coll}`,
  );
}

/** `$out`: replaces the target collection's documents with the results (its indexes stay). */
export function writeOut(engine: Engine, db: string, spec: unknown, docs: Document[]): void {
  const [targetDb, name] = target(spec, db, '$out');
  const { collection } = engine.ensureCollection(targetDb, name);
  const ids = new Set<string>();
  for (const doc of docs) {
    const key = canonicalKey(doc._id);
    if (doc._id !== undefined && ids.has(key)) {
      throw new CommandError(
        'DuplicateKey',
        `E11000 duplicate key error collection: ${collection.ns} index: _id_`,
        { keyPattern: { _id: 1 }, keyValue: { _id: doc._id } },
      );
    }
    ids.add(key);
  }
  for (const stored of [...collection.docs.values()])
    engine.applyWrite(collection, { kind: 'delete', id: stored.id });
  for (const doc of docs) engine.applyWrite(collection, { kind: 'insert', doc: withIdFirst(doc) });
}

/** `$merge`: matches results to target documents on `on` and merges, replaces, keeps or fails. */
export function writeMerge(engine: Engine, db: string, spec: unknown, docs: Document[]): void {
  const into = isPlainObject(spec) ? spec.into : spec;
  const [targetDb, name] = target(into, db, '$merge');
  const options = isPlainObject(spec) ? spec : {};
  const on = (Array.isArray(options.on) ? options.on : [options.on ?? '_id']).map(String);
  const whenMatched = options.whenMatched ?? 'merge';
  const whenNotMatched = options.whenNotMatched ?? 'insert';
  const { collection } = engine.ensureCollection(targetDb, name);
  for (const doc of docs) {
    const filter: Document = {};
    for (const field of on) filter[field] = getPath(doc, field) ?? null;
    const found = collection.match(filter, 1)[0];
    if (!found) {
      if (whenNotMatched === 'discard') continue;
      if (whenNotMatched === 'fail') {
        throw new CommandError(
          'MergeStageNoMatchingDocument',
          '$merge could not find a matching document in the target collection for at least one document in the source collection',
        );
      }
      engine.applyWrite(collection, { kind: 'insert', doc: withIdFirst(doc) });
      continue;
    }
    let next: Document;
    if (Array.isArray(whenMatched)) {
      next = applyUpdate(found.doc, whenMatched as Document[], {
        filter: {},
        inserting: false,
        variables: { new: doc, ...(isPlainObject(options.let) ? options.let : {}) },
      });
    } else if (whenMatched === 'replace') {
      next = { ...doc, _id: found.doc._id };
    } else if (whenMatched === 'keepExisting') {
      continue;
    } else if (whenMatched === 'fail') {
      throw new CommandError(
        'DuplicateKey',
        `E11000 duplicate key error collection: ${collection.ns}`,
        { keyPattern: { _id: 1 }, keyValue: { _id: found.doc._id } },
      );
    } else {
      next = { ...found.doc, ...doc, _id: found.doc._id };
    }
    engine.applyWrite(collection, { kind: 'replace', id: found.id, doc: withIdFirst(next) });
  }
}
