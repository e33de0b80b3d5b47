import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { letVariables } from '../../query/let-variables.ts';
import { isPlainObject } from '../../query/paths.ts';
import { checkUpdateArgument, isOperatorUpdate } from '../../query/update-checks.ts';
import { statementLogOf } from '../../transactions/index.ts';
import type { CommandContext } from '../types.ts';
import { checkFields, checkNestedFields, collectionArg, optBoolean, requireArray } from './args.ts';
import { executeUpdate, type UpdateOutcome } from './execute-write.ts';
import type { ModifyArgs } from './modify.ts';
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

export function parseStatement(raw: unknown): ModifyArgs & {
  multi: boolean;
  upsert: boolean;
  hint: unknown;
  sort: Document | undefined;
  collation: unknown;
} {
  if (!isPlainObject(raw))
    throw new CommandError('TypeMismatch', 'each update statement must be an object');
  checkNestedFields(raw, 'update.updates', STATEMENT_FIELDS);
  const { q, u } = raw;
  if (!isPlainObject(q))
    throw new CommandError(
      'TypeMismatch',
      "BSON field 'update.updates.q' is missing or not an object",
    );
  checkUpdateArgument(u);
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
    collation: raw.collation,
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
  const writeErrors = runStatements(
    statements,
    ordered,
    (raw) => {
      const statement = parseStatement(raw);
      const variables = { ...letVars, ...statement.variables };
      return executeUpdate(engine, context.db, name, { ...statement, variables }, bypassValidation);
    },
    (outcome: UpdateOutcome, index) => {
      n += outcome.n;
      nModified += outcome.nModified;
      if (outcome.upserted) upsertedIds.push({ index, _id: outcome.upserted._id });
    },
    statementLogOf(context),
  );
  const reply: Document = { n, nModified };
  if (upsertedIds.length) reply.upserted = upsertedIds;
  return withWriteErrors(reply, writeErrors);
}
