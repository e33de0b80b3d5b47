import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { isPlainObject } from '../../query/paths.ts';
import { statementLogOf } from '../../transactions/index.ts';
import type { CommandContext } from '../types.ts';
import { checkFields, collectionArg, optBoolean, requireArray } from './args.ts';
import { runStatements, withWriteErrors } from './write-statements.ts';

export function insert(command: Document, context: CommandContext): Document {
  checkFields(command, 'insert', ['documents', 'ordered', 'bypassDocumentValidation']);
  const name = collectionArg(command, 'insert');
  const documents = requireArray(command, 'insert', 'documents');
  const ordered = optBoolean(command, 'insert', 'ordered') ?? true;
  const bypassValidation = optBoolean(command, 'insert', 'bypassDocumentValidation') ?? false;
  const { engine } = context;
  const { collection } = engine.ensureCollection(context.db, name);
  let n = 0;
  const writeErrors = runStatements(
    documents,
    ordered,
    (doc) => {
      if (!isPlainObject(doc))
        throw new CommandError('TypeMismatch', 'each insert document must be an object');
      engine.applyWrite(collection, { kind: 'insert', doc, bypassValidation });
      return 1;
    },
    (inserted: number) => {
      n += inserted;
    },
    statementLogOf(context),
  );
  return withWriteErrors({ n }, writeErrors);
}
