import type { Document } from 'bson';
import { CommandError } from '../errors.ts';
import { InjectedError } from '../failpoints/injected-error.ts';
import { WireLimits } from '../wire/limits.ts';
import { applyReadConcern, gossipIn } from './causal-consistency.ts';
import { batchSize, countCommand, isBatchedWrite, isWriteCommand } from './command-kinds.ts';
import { withErrorLabels } from './error-labels.ts';
import { readSessionFields, type SessionFields } from './session-fields.ts';
import { withTopologyVersion } from './state-change-errors.ts';
import type { CommandContext, CommandTable } from './types.ts';

/** Rewrites a command's reply, whether it succeeded or failed (e.g. a fail point's writeConcernError). */
export type ReplyAmender = (reply: Document) => Document;

/**
 * Runs before every command once it is known to exist and its session fields are read (fail points
 * plug in here): it may throw a CommandError to fail the command, wait to block the connection, close
 * the connection through the context, or return a ReplyAmender to rewrite the reply.
 */
export type BeforeCommandHook = (
  name: string,
  command: Document,
  context: CommandContext,
  // void, not undefined: hooks written as `async () => {}` must still fit.
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook may return nothing at all
) => void | ReplyAmender | Promise<void | ReplyAmender>;

export interface DispatcherOptions {
  readonly commands: CommandTable;
  /** Hooks run in order before each command. */
  readonly beforeCommand?: BeforeCommandHook | readonly BeforeCommandHook[];
}

/** Runs one command document and returns its reply; never throws. */
export type Dispatcher = (command: Document, context: CommandContext) => Promise<Document>;

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { commands } = options;
  const hooks = [options.beforeCommand ?? []].flat();
  return async (command, baseContext) => {
    const name = Object.keys(command)[0] ?? '';
    const { clock, sessions } = baseContext.server;
    let session: SessionFields = {};
    const amenders: ReplyAmender[] = [];
    let result: Document;
    try {
      checkBatchLimit(name, command);
      const handler = Object.hasOwn(commands, name) ? commands[name] : undefined;
      if (!handler) throw new CommandError('CommandNotFound', `no such command: '${name}'`);
      session = readSessionFields(command);
      if (session.sessionId && session.lsid) sessions.touch(session.sessionId, session.lsid);
      gossipIn(command, clock);
      applyReadConcern(command, clock);
      countCommand(baseContext.server.opcounters, name, command);
      const context: CommandContext = { ...baseContext, ...session };
      for (const hook of hooks) {
        const amend = await hook(name, command, context);
        if (amend) amenders.push(amend);
      }
      result = { ...(await handler(command, context)) };
      result.ok ??= 1;
    } catch (error) {
      result = errorReply(error);
    }
    for (const amend of amenders) result = amend(result);
    result = withTopologyVersion(
      withErrorLabels(name, session, result),
      baseContext.server.topologyVersion,
    );
    const wrote = isWriteCommand(name, command) && result.ok === 1;
    return { ...result, ...clock.gossip(wrote ? clock.tick() : clock.now()) };
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
  if (error instanceof CommandError || error instanceof InjectedError) return error.toReply();
  const message = error instanceof Error ? error.message : String(error);
  return { ok: 0, errmsg: message, code: 1, codeName: 'InternalError' };
}
