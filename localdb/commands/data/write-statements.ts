import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { fromMingo } from './mingo-errors.ts';

/**
 * Runs a write command's statements one by one. A failing statement becomes a `writeErrors`
 * entry (index, code, errmsg and MongoDB's extra fields); ordered writes stop at the first one.
 */
export function runStatements<T>(
  statements: readonly T[],
  ordered: boolean,
  run: (statement: T, index: number) => void,
): Document[] {
  const writeErrors: Document[] = [];
  for (let i = 0; i < statements.length; i++) {
    try {
      run(statements[i] as T, i);
    } catch (error) {
      const commandError = error instanceof CommandError ? error : fromMingo(error);
      const { codeName: _codeName, ...entry } = commandError.toWriteError(i);
      writeErrors.push(entry);
      if (ordered) break;
    }
  }
  return writeErrors;
}

export function withWriteErrors(reply: Document, writeErrors: Document[]): Document {
  return writeErrors.length ? { ...reply, writeErrors } : reply;
}
