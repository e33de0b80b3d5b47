import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { type Collation, parseCollation } from '../../query/collation.ts';
import { letVariables } from '../../query/let-variables.ts';
import { isPlainObject } from '../../query/paths.ts';
import { parseSort, sortDocuments } from '../../query/sort.ts';
import { isOperatorUpdate } from '../../query/update.ts';
import type { CommandContext } from '../types.ts';
import { checkFields, collectionArg, optBoolean, optDocument, requireArray } from './args.ts';
import { checkHint } from './hint.ts';
import { type ModifyArgs, modified, upserted } from './modify.ts';
import { runStatements, withWriteErrors } from './write-statements.ts';

const STATEMENT_FIELDS = new Set([
  'q',
  'u',
  'multi',
  'upsert',
  'arrayFilters',
  'hint',
  'collation',
  'c',
  'sort',
  'upsertSupplied',
]);

function parseStatement(raw: unknown): ModifyArgs & {
  multi: boolean;
  upsert: boolean;
  hint: unknown;
  sort: Document | undefined;
  collation: Collation | undefined;
} {
  if (!isPlainObject(raw))
    throw new CommandError('TypeMismatch', 'each update statement must be an object');
  for (const field of Object.keys(raw)) {
    if (!STATEMENT_FIELDS.has(field))
      throw new CommandError(
        'Location40415',
        `BSON field 'update.updates.${field}' is an unknown field.`,
      );
  }
  const { q, u } = raw;
  if (!isPlainObject(q))
    throw new CommandError(
      'TypeMismatch',
      "BSON field 'update.updates.q' is missing or not an object",
    );
  if (!isPlainObject(u) && !Array.isArray(u))
    throw new CommandError('FailedToParse', 'Update argument must be either an object or an array');
  const multi = raw.multi === true;
  if (multi && !isOperatorUpdate(u as Document)) {
    throw new CommandError(
      'InvalidOptions',
      'multi update is not supported for replacement-style update',
    );
  }
  if (raw.arrayFilters !== undefined && !Array.isArray(raw.arrayFilters)) {
    throw new CommandError(
      'TypeMismatch',
      "BSON field 'update.updates.arrayFilters' is the wrong type, expected type 'array'",
    );
  }
  return {
    filter: q,
    update: u as Document | Document[],
    arrayFilters: raw.arrayFilters as Document[] | undefined,
    variables: letVariables(raw.c),
    multi,
    upsert: raw.upsert === true,
    hint: raw.hint,
    sort: isPlainObject(raw.sort) ? raw.sort : undefined,
    collation: parseCollation(raw.collation),
  };
}

export function update(command: Document, context: CommandContext): Document {
  checkFields(command, 'update', ['updates', 'ordered', 'bypassDocumentValidation']);
  const name = collectionArg(command, 'update');
  const statements = requireArray(command, 'update', 'updates');
  const ordered = optBoolean(command, 'update', 'ordered') ?? true;
  const bypassValidation = optBoolean(command, 'update', 'bypassDocumentValidation') ?? false;
  const letVars = letVariables(command.let);
  const { engine } = context;
  let n = 0;
  let nModified = 0;
  const upsertedIds: Document[] = [];
  const writeErrors = runStatements(statements, ordered, (raw, index) => {
    const statement = parseStatement(raw);
    const args = { ...statement, variables: { ...letVars, ...statement.variables } };
    const existing = engine.collection(context.db, name);
    checkHint(existing, statement.hint);
    let matches =
      existing?.match(
        args.filter,
        statement.multi || statement.sort ? 0 : 1,
        args.variables,
        statement.collation,
      ) ?? [];
    if (statement.sort && existing)
      matches = sortDocuments(
        matches,
        parseSort(statement.sort),
        (s) => existing.viewOf(s),
        statement.collation?.compare,
      ).slice(0, 1);
    if (matches.length === 0) {
      if (!statement.upsert) return;
      const doc = upserted(args);
      const { collection } = engine.ensureCollection(context.db, name);
      engine.applyWrite(collection, { kind: 'insert', doc, bypassValidation });
      upsertedIds.push({ index, _id: doc._id });
      n++;
      return;
    }
    for (const stored of matches) {
      const next = modified(stored.doc, args);
      if (next !== stored.doc && existing) {
        engine.applyWrite(existing, {
          kind: 'replace',
          id: stored.id,
          doc: next,
          bypassValidation,
        });
        nModified++;
      }
      n++;
    }
  });
  const reply: Document = { n, nModified };
  if (upsertedIds.length) reply.upserted = upsertedIds;
  return withWriteErrors(reply, writeErrors);
}
