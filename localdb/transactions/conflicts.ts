import { CommandError } from '../errors.ts';

/** A transaction met a document written by another transaction or after its snapshot. */
export function writeConflict(): CommandError {
  return new CommandError(
    'WriteConflict',
    'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.',
  );
}

/**
 * A write outside any transaction met a document locked by an open transaction: the command
 * waits for the lock (see session-command.ts) rather than answering this.
 */
export class DocumentLocked extends CommandError {
  constructor() {
    super('WriteConflict', 'The document is being written by an open multi-document transaction.');
    this.name = 'DocumentLocked';
  }
}
