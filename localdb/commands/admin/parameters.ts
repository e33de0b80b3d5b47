import type { Document } from 'bson';
import { CommandError } from '../../errors.ts';
import type { CommandContext, CommandHandler } from '../types.ts';

/** The server parameters localdb reports: a small, read-only subset of mongod's. */
function parameters({ server }: CommandContext): Document {
  return {
    featureCompatibilityVersion: { version: server.version.name },
    authenticationMechanisms: [],
    enableTestCommands: server.testCommands,
    transactionLifetimeLimitSeconds: 60,
    maxTransactionLockRequestTimeoutMillis: 5,
    cursorTimeoutMillis: 600_000,
    internalQueryMaxBlockingSortMemoryUsageBytes: 100 * 1024 * 1024,
  };
}

const getParameter: CommandHandler = (command, context) => {
  const all = parameters(context);
  if (command.getParameter === '*') return all;
  const requested = Object.keys(command).filter(
    (key) => key !== 'getParameter' && !key.startsWith('$'),
  );
  const ignored = new Set(['lsid', 'comment', 'txnNumber', 'readConcern', 'apiVersion']);
  const names = requested.filter((key) => !ignored.has(key));
  if (names.length === 0) throw new CommandError('BadValue', 'no option found to get');
  const reply: Document = {};
  for (const name of names) {
    if (!Object.hasOwn(all, name)) throw new CommandError('BadValue', 'no option found to get');
    reply[name] = all[name];
  }
  return reply;
};

export const parameterCommands = Object.freeze({ getParameter });
