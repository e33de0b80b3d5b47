import type { Document } from 'bson';
import { CommandError, ErrorCode } from '../../errors.ts';
import { letVariables } from '../../query/let-variables.ts';
import { fromMingo } from '../../query/mingo-errors.ts';
import { isPlainObject } from '../../query/paths.ts';
import { statementLogOf } from '../../transactions/index.ts';
import type { CommandContext } from '../types.ts';
import { checkFields, optBoolean, requireArray } from './args.ts';
import { executeDelete, executeUpdate } from './execute-write.ts';
import { parseStatement } from './update.ts';
import { refuseView } from './views.ts';

interface Totals {
  nErrors: number;
  nInserted: number;
  nMatched: number;
  nModified: number;
  nUpserted: number;
  nDeleted: number;
}

const TOTAL_KEYS = [
  'nErrors',
  'nInserted',
  'nMatched',
  'nModified',
  'nUpserted',
  'nDeleted',
] as const;

/** What a retried operation answers: its result entry and what it added to the totals. */
interface RecordedOp {
  readonly entry: Document;
  readonly delta: Totals;
}

function namespaceOf(nsInfo: unknown[], index: unknown): [string, string] {
  const entry =
    typeof index === 'number' || typeof index === 'object' ? nsInfo[Number(index)] : undefined;
  const ns = isPlainObject(entry) ? entry.ns : undefined;
  if (typeof ns !== 'string' || !ns.includes('.'))
    throw new CommandError('BadValue', `invalid nsInfo index ${String(index)}`);
  const dot = ns.indexOf('.');
  return [ns.slice(0, dot), ns.slice(dot + 1)];
}

/** One operation of MongoDB 8.0's client-level `bulkWrite`, as its reply cursor reports it. */
function runOp(
  op: Document,
  nsInfo: unknown[],
  context: CommandContext,
  bypass: boolean,
  letVars: Document | undefined,
  totals: Totals,
): Document {
  const { engine } = context;
  const target: unknown = op.insert ?? op.update ?? op.delete;
  if (target !== undefined) refuseView(engine, ...namespaceOf(nsInfo, target));
  if ('insert' in op) {
    const [db, name] = namespaceOf(nsInfo, op.insert);
    if (!isPlainObject(op.document))
      throw new CommandError('TypeMismatch', 'insert document must be an object');
    const { collection } = engine.ensureCollection(db, name);
    engine.applyWrite(collection, { kind: 'insert', doc: op.document, bypassValidation: bypass });
    totals.nInserted++;
    return { n: 1 };
  }
  if ('update' in op) {
    const [db, name] = namespaceOf(nsInfo, op.update);
    const statement = parseStatement({
      q: op.filter,
      u: op.updateMods,
      multi: op.multi,
      upsert: op.upsert,
      arrayFilters: op.arrayFilters,
      hint: op.hint,
      collation: op.collation,
      sort: op.sort,
    });
    const outcome = executeUpdate(
      engine,
      db,
      name,
      { ...statement, variables: { ...letVars, ...statement.variables } },
      bypass,
    );
    totals.nMatched += outcome.upserted ? 0 : outcome.n;
    totals.nModified += outcome.nModified;
    if (outcome.upserted) totals.nUpserted++;
    const entry: Document = { n: outcome.n, nModified: outcome.nModified };
    if (outcome.upserted) entry.upserted = { _id: outcome.upserted._id };
    return entry;
  }
  if ('delete' in op) {
    const [db, name] = namespaceOf(nsInfo, op.delete);
    if (!isPlainObject(op.filter))
      throw new CommandError('TypeMismatch', 'delete filter must be an object');
    const n = executeDelete(engine, db, name, {
      filter: op.filter,
      limit: op.multi === true ? 0 : 1,
      hint: op.hint,
      variables: letVars,
      collation: op.collation,
    });
    totals.nDeleted += n;
    return { n };
  }
  throw new CommandError(
    'FailedToParse',
    `Unrecognized bulkWrite operation: ${Object.keys(op).join(', ')}`,
  );
}

export function bulkWrite(command: Document, context: CommandContext): Document {
  checkFields(command, 'bulkWrite', [
    'ops',
    'nsInfo',
    'ordered',
    'bypassDocumentValidation',
    'errorsOnly',
    'cursor',
  ]);
  if (context.db !== 'admin')
    throw new CommandError('Unauthorized', 'bulkWrite may only be run against the admin database.');
  const ops = requireArray(command, 'bulkWrite', 'ops');
  const nsInfo = requireArray(command, 'bulkWrite', 'nsInfo');
  const ordered = optBoolean(command, 'bulkWrite', 'ordered') ?? true;
  const errorsOnly = optBoolean(command, 'bulkWrite', 'errorsOnly') ?? false;
  const bypass = optBoolean(command, 'bulkWrite', 'bypassDocumentValidation') ?? false;
  const letVars = letVariables(command.let);
  const totals: Totals = {
    nErrors: 0,
    nInserted: 0,
    nMatched: 0,
    nModified: 0,
    nUpserted: 0,
    nDeleted: 0,
  };
  const results: Document[] = [];
  const log = statementLogOf(context);
  for (let idx = 0; idx < ops.length; idx++) {
    const done = log?.replay(idx);
    if (done) {
      const { entry, delta } = done.outcome as RecordedOp;
      for (const key of TOTAL_KEYS) totals[key] += delta[key];
      if (!errorsOnly) results.push({ ok: 1, idx, ...entry });
      continue;
    }
    try {
      const op = ops[idx];
      if (!isPlainObject(op))
        throw new CommandError('TypeMismatch', 'each bulkWrite operation must be an object');
      const before = { ...totals };
      const entry = runOp(op, nsInfo, context, bypass, letVars, totals);
      const delta = { ...totals };
      for (const key of TOTAL_KEYS) delta[key] -= before[key];
      log?.record(idx, { entry, delta } satisfies RecordedOp);
      if (!errorsOnly) results.push({ ok: 1, idx, ...entry });
    } catch (error) {
      if (error instanceof CommandError && error.code === ErrorCode.WriteConflict) throw error;
      const failure = fromMingo(error);
      totals.nErrors++;
      results.push({
        ok: 0,
        idx,
        code: failure.code,
        codeName: failure.codeName,
        errmsg: failure.message,
        n: 0,
        ...failure.extra,
      });
      if (ordered) break;
    }
  }
  const ns = 'admin.$cmd.bulkWrite';
  const { batch, id } = context.engine.cursors.open(ns, results, Number.POSITIVE_INFINITY);
  return { cursor: { id, firstBatch: batch, ns }, ...totals };
}
