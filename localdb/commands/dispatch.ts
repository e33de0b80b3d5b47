import type { Document } from 'bson';
import { CommandError } from '../errors.ts';
import { WireLimits } from '../wire/limits.ts';
import { batchSize, countCommand, isBatchedWrite, isWriteCommand } from './command-kinds.ts';
import type { CommandContext, CommandTable } from './types.ts';

/**
 * Runs before every command once it is known to exist (the future fail-point hook: it may throw a
 * CommandError to fail the command, wait to block the connection, or close the connection through
 * a context field added then).
 */
export type BeforeCommandHook = (
  name: string,
  command: Document,
  context: CommandContext,
) => void | Promise<void>;

export interface DispatcherOptions {
  readonly commands: CommandTable;
  readonly beforeCommand?: BeforeCommandHook;
}

/** Runs one command document and returns its reply; never throws. */
export type Dispatcher = (command: Document, context: CommandContext) => Promise<Document>;

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { commands, beforeCommand } = options;
  return async (command, context) => {
    const name = Object.keys(command)[0] ?? '';
    let result: Document;
    try {
      checkBatchLimit(name, command);
      const handler = Object.hasOwn(commands, name) ? commands[name] : undefined;
      if (!handler) throw new CommandError('CommandNotFound', `no such command: '${name}'`);
      countCommand(context.server.opcounters, name, command);
      await beforeCommand?.(name, command, context);
      result = { ...(await handler(command, context)) };
      result.ok ??= 1;
    } catch (error) {
      result = errorReply(error);
    }
    const { clock } = context.server;
    const operationTime = isWriteCommand(name) && result.ok === 1 ? clock.tick() : clock.now();
    return { ...result, ...clock.gossip(operationTime) };
  };
}

function checkBatchLimit(name: string, command: Document): void {
  if (!isBatchedWrite(name)) return;
  const size = batchSize(name, command);
  if (size > WireLimits.maxWriteBatchSize) {
    throw new CommandError(
      'InvalidLength',
      `Write batch sizes must be between 1 and ${WireLimits.maxWriteBatchSize}. Got ${size} operations.`,
    );
  }
}

/** A CommandError answers as itself; anything else is a bug reported as InternalError, never a crash. */
export function errorReply(error: unknown): Document {
  if (error instanceof CommandError) return error.toReply();
  const message = error instanceof Error ? error.message : String(error);
  return { ok: 0, errmsg: message, code: 1, codeName: 'InternalError' };
}
