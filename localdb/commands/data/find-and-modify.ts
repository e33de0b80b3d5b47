import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { compileFilter } from '../../query/filter.ts';
import { letVariables } from '../../query/let-variables.ts';
import { withMingo } from '../../query/mingo-errors.ts';
import { parseSort, sortDocuments } from '../../query/sort.ts';
import { checkUpdateArgument, isOperatorUpdate } from '../../query/update-checks.ts';
import type { CommandContext } from '../types.ts';
import { checkFields, collectionArg, optArray, optBoolean, optDocument } from './args.ts';
import { collationFor } from './default-collation.ts';
import { checkHint } from './hint.ts';
import { modified, upserted } from './modify.ts';
import { project } from './projection.ts';

const FIELDS = [
  'collation',
  'query',
  'sort',
  'remove',
  'update',
  'new',
  'fields',
  'upsert',
  'arrayFilters',
  'bypassDocumentValidation',
  'hint',
];

export function findAndModify(command: Document, context: CommandContext): Document {
  const name = collectionArg(command, 'findAndModify');
  checkFields(command, 'findAndModify', FIELDS);
  const filter = optDocument(command, 'findAndModify', 'query') ?? {};
  const sort = parseSort(optDocument(command, 'findAndModify', 'sort'));
  const remove = optBoolean(command, 'findAndModify', 'remove') ?? false;
  const returnNew = optBoolean(command, 'findAndModify', 'new') ?? false;
  const upsert = optBoolean(command, 'findAndModify', 'upsert') ?? false;
  const fields = optDocument(command, 'findAndModify', 'fields');
  const arrayFilters = optArray(command, 'findAndModify', 'arrayFilters') as Document[] | undefined;
  const bypassValidation =
    optBoolean(command, 'findAndModify', 'bypassDocumentValidation') ?? false;
  const variables = letVariables(command.let);
  const update = command.update as Document | Document[] | undefined;
  if (remove && update !== undefined)
    throw new CommandError('FailedToParse', 'Cannot specify both an update and remove=true');
  if (!remove && update === undefined)
    throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified');
  if (remove && (upsert || returnNew))
    throw new CommandError('FailedToParse', 'Cannot specify both upsert=true and remove=true');
  if (update !== undefined) checkUpdateArgument(update);
  const { engine } = context;
  const existing = engine.collection(context.db, name);
  const collation = collationFor(command.collation, existing);
  checkHint(existing, command.hint);
  const shown = (doc: Document | null) => (doc ? (project([doc], fields)[0] ?? null) : null);
  // Without a collection the filter is still compiled: mongod refuses a bad one either way.
  if (!existing) withMingo(() => compileFilter(filter, variables));
  const matches = existing
    ? withMingo(() => existing.match(filter, sort.length ? 0 : 1, variables, collation))
    : [];
  const target =
    existing && sort.length
      ? sortDocuments(matches, sort, (s) => existing.viewOf(s), collation?.compare)[0]
      : matches[0];
  if (remove) {
    if (!target || !existing) return { lastErrorObject: { n: 0 }, value: null };
    engine.applyWrite(existing, { kind: 'delete', id: target.id });
    return { lastErrorObject: { n: 1 }, value: shown(target.doc) };
  }
  const args = { filter, update: update as Document | Document[], arrayFilters, variables };
  if (!target) {
    if (!upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null };
    const doc = upserted(args);
    const { collection } = engine.ensureCollection(context.db, name);
    engine.applyWrite(collection, { kind: 'insert', doc, bypassValidation });
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
      value: returnNew ? shown(doc) : null,
    };
  }
  const next = modified(target.doc, args);
  if (next !== target.doc && existing) {
    const byOperators = isOperatorUpdate(args.update);
    engine.applyWrite(existing, {
      kind: 'replace',
      id: target.id,
      doc: next,
      bypassValidation,
      byOperators,
    });
  }
  const after = existing?.docs.get(target.id)?.doc ?? next;
  return {
    lastErrorObject: { n: 1, updatedExisting: true },
    value: shown(returnNew ? after : target.doc),
  };
}
