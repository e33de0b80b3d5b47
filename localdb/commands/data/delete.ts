import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { isNumeric, toNumber } from '../../query/bson-type.ts';
import { letVariables } from '../../query/let-variables.ts';
import { isPlainObject } from '../../query/paths.ts';
import { statementLogOf } from '../../transactions/index.ts';
import type { CommandContext } from '../types.ts';
import { checkFields, collectionArg, optBoolean, requireArray } from './args.ts';
import { executeDelete } from './execute-write.ts';
import { runStatements, withWriteErrors } from './write-statements.ts';

export function remove(command: Document, context: CommandContext): Document {
  checkFields(command, 'delete', ['deletes', 'ordered']);
  const name = collectionArg(command, 'delete');
  const statements = requireArray(command, 'delete', 'deletes');
  const ordered = optBoolean(command, 'delete', 'ordered') ?? true;
  const variables = letVariables(command.let);
  const { engine } = context;
  let n = 0;
  const writeErrors = runStatements(
    statements,
    ordered,
    (raw) => {
      if (!isPlainObject(raw) || !isPlainObject(raw.q)) {
        throw new CommandError(
          'TypeMismatch',
          "BSON field 'delete.deletes.q' is missing or not an object",
        );
      }
      const limit = isNumeric(raw.limit) ? toNumber(raw.limit) : Number.NaN;
      if (limit !== 0 && limit !== 1) {
        throw new CommandError(
          'FailedToParse',
          `The limit field in delete objects must be 0 or 1. Got ${String(raw.limit)}`,
        );
      }
      return executeDelete(engine, context.db, name, {
        filter: raw.q,
        limit: limit as 0 | 1,
        hint: raw.hint,
        variables,
        collation: raw.collation,
      });
    },
    (deleted: number) => {
      n += deleted;
    },
    statementLogOf(context),
  );
  return withWriteErrors({ n }, writeErrors);
}
