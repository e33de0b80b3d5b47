import type { Document } from 'bson';
import type { ServerState } from '../server/server-state.ts';
import type { Engine } from '../storage/engine.ts';

/** What every command handler sees besides the command document itself. */
export interface CommandContext {
  /** The command's `$db`. */
  readonly db: string;
  /** The storage engine: databases, collections, indexes, cursors. */
  readonly engine: Engine;
  /** Process-wide server facts and counters (connections, opcounters, version). */
  readonly server: ServerState;
  /** The id of the connection the command arrived on (as reported by `hello`). */
  readonly connectionId: number;
  /** The peer's `host:port` (whatsmyuri, currentOp). */
  readonly remoteAddress?: string;
  /** Aborted when the connection closes or the server stops: long waits must end with it. */
  readonly signal?: AbortSignal;
  /** Drops this connection without replying (what a fail point's closeConnection does). */
  readonly closeConnection?: () => void;
  /** The `client` document of the connection's handshake (driver, os, application.name). */
  readonly clientMetadata?: Document;
  /** The command's `lsid.id` as a canonical UUID string (set by the dispatcher when lsid is sent). */
  readonly sessionId?: string;
  /** The command's `lsid` as sent (`{ id: UUID, ... }`). */
  readonly lsid?: Document;
  /** The command's `txnNumber`: with no `autocommit` a retryable write, else a transaction's number. */
  readonly txnNumber?: number;
  /** `autocommit` (always false when present): the command belongs to a multi-statement transaction. */
  readonly autocommit?: boolean;
  /** `startTransaction: true`: the first command of a transaction. */
  readonly startTransaction?: boolean;
  /** The command's `stmtId`, if the client numbered its statements. */
  readonly stmtId?: number;
}

/**
 * A command handler. `command` is the OP_MSG body with any document-sequence sections
 * already merged in as arrays (e.g. `documents` of `insert`). It returns the reply body
 * without `ok` (the dispatcher adds `ok: 1`), or throws a `CommandError`.
 */
export type CommandHandler = (
  command: Document,
  context: CommandContext,
) => Document | Promise<Document>;

export type CommandTable = Readonly<Record<string, CommandHandler>>;
