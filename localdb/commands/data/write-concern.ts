import type { Document } from 'bson';
import { isNumeric, toNumber } from '../../query/bson-type.ts';
import { isPlainObject } from '../../query/paths.ts';
import { WRITE_COMMANDS } from '../command-kinds.ts';
import type { CommandHandler } from '../types.ts';

/**
 * What a one-member replica set answers to a write concern it can never satisfy, after applying
 * the write as mongod does: more acknowledgements than data-bearing members, or an unknown tag set.
 */
export function unsatisfiable(writeConcern: unknown): Document | undefined {
  if (!isPlainObject(writeConcern)) return undefined;
  const { w } = writeConcern;
  // Wire numbers arrive as BSON wrappers (Int32, Double...), not JS numbers.
  if (isNumeric(w) && toNumber(w) > 1) {
    return {
      code: 100,
      codeName: 'UnsatisfiableWriteConcern',
      errmsg: 'Not enough data-bearing nodes',
    };
  }
  if (typeof w === 'string' && w !== 'majority') {
    return {
      code: 79,
      codeName: 'UnknownReplWriteConcern',
      errmsg: `No write concern mode named '${w}' found in replica set configuration`,
    };
  }
  return undefined;
}

/** Adds the writeConcernError of an unsatisfiable write concern to a write command's success. */
export function withWriteConcern(name: string, handler: CommandHandler): CommandHandler {
  if (!WRITE_COMMANDS.has(name)) return handler;
  return async (command, context) => {
    const reply = await handler(command, context);
    const error = unsatisfiable(command.writeConcern);
    return error && reply.writeConcernError === undefined
      ? { ...reply, writeConcernError: error }
      : reply;
  };
}
