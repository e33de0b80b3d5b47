import type { Document } from 'bson';
import { CommandError } from '../errors.ts';
import {
  type Frame,
  MsgFlag,
  OpCode,
  opCodeName,
  parseOpMsg,
  parseOpQuery,
  WireLimits,
} from '../wire/index.ts';

/** A command decoded from a frame, with how its reply must be sent. */
export interface CommandRequest {
  readonly command: Document;
  readonly db: string;
  /** OP_QUERY requests are answered with OP_REPLY, OP_MSG with OP_MSG. */
  readonly legacy: boolean;
  /** moreToCome: an unacknowledged request, executed without a reply. */
  readonly noReply: boolean;
  readonly exhaustAllowed: boolean;
  /** Set when the request is valid on the wire but cannot run: answered with this error. */
  readonly error?: CommandError;
}

const LEGACY_COMMANDS: ReadonlySet<string> = new Set(['hello', 'isMaster', 'ismaster']);

/**
 * Decodes a frame into a command. Wire defects throw WireProtocolError (the connection is closed);
 * requests that are well-formed but unsupported come back with `error` set (answered, connection kept).
 */
export function decodeRequest(frame: Frame): CommandRequest {
  const { opCode } = frame.header;
  if (opCode === OpCode.OP_MSG) {
    const { flags, body, bodyBytes, largestSequenceDocumentBytes } = parseOpMsg(frame);
    const noReply = (flags & MsgFlag.moreToCome) !== 0;
    const exhaustAllowed = (flags & MsgFlag.exhaustAllowed) !== 0;
    const base = { command: body, legacy: false, noReply, exhaustAllowed };
    if (typeof body.$db !== 'string' || body.$db.length === 0) {
      const error = new CommandError('Location40571', 'OP_MSG requests require a $db argument');
      return { ...base, db: '', error };
    }
    const tooLarge = sizeError(
      bodyBytes,
      WireLimits.maxBsonObjectSize + WireLimits.bsonObjectOverhead,
    );
    const error = tooLarge ?? sizeError(largestSequenceDocumentBytes, WireLimits.maxBsonObjectSize);
    return { ...base, db: body.$db, ...(error ? { error } : {}) };
  }
  if (opCode === OpCode.OP_QUERY) return decodeLegacyQuery(frame);
  const error = new CommandError(
    'ProtocolError',
    `Unsupported wire protocol opcode ${opCode} (${opCodeName(opCode)}): localdb speaks OP_MSG only` +
      (opCode === OpCode.OP_COMPRESSED ? '; compression is not negotiated' : ''),
  );
  return { command: {}, db: '', legacy: false, noReply: false, exhaustAllowed: false, error };
}

function decodeLegacyQuery(frame: Frame): CommandRequest {
  const query = parseOpQuery(frame);
  const wrapped = query.query.$query;
  const command: Document =
    wrapped !== null && typeof wrapped === 'object' && !Array.isArray(wrapped)
      ? wrapped
      : query.query;
  const [db, collection] = splitNamespace(query.fullCollectionName);
  const name = Object.keys(command)[0] ?? '';
  const base = { command, db, legacy: true, noReply: false, exhaustAllowed: false };
  if (collection !== '$cmd' || !LEGACY_COMMANDS.has(name)) {
    const error = new CommandError(
      'UnsupportedOpQueryCommand',
      `Unsupported OP_QUERY command: ${name || query.fullCollectionName}. The client driver may require an upgrade.`,
    );
    return { ...base, error };
  }
  return base;
}

function sizeError(size: number, limit: number): CommandError | undefined {
  if (size <= limit) return undefined;
  return new CommandError(
    'BSONObjectTooLarge',
    `BSONObj size: ${size} (0x${size.toString(16).toUpperCase()}) is invalid. Size must be between 0 and ${limit}(16MB)`,
  );
}

function splitNamespace(namespace: string): [string, string] {
  const dot = namespace.indexOf('.');
  return dot < 0 ? [namespace, ''] : [namespace.slice(0, dot), namespace.slice(dot + 1)];
}
