import { Binary, type Document } from 'bson';
import { CommandError } from '../errors.ts';
import { bsonTag, isNumeric, toNumber } from '../query/bson-type.ts';
import type { CommandContext } from './types.ts';

/** The session and transaction fields of a command, as CommandContext exposes them. */
export type SessionFields = Pick<
  CommandContext,
  'sessionId' | 'lsid' | 'txnNumber' | 'autocommit' | 'startTransaction' | 'stmtId'
>;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const tag = bsonTag(value);
  if (tag) return tag === 'Binary' ? 'binData' : tag.toLowerCase();
  return typeof value === 'object' ? 'object' : typeof value;
}

function wrongType(field: string, value: unknown, expected: string): CommandError {
  return new CommandError(
    'TypeMismatch',
    `BSON field 'OperationSessionInfo.${field}' is the wrong type '${typeName(value)}', expected type '${expected}'`,
  );
}

/** The canonical string of a session id: the UUID in its dashed form (hex for non-UUID binaries). */
export function sessionIdString(id: Binary): string {
  if (id.sub_type === Binary.SUBTYPE_UUID && id.position === 16) return id.toUUID().toHexString();
  return Buffer.from(id.buffer.subarray(0, id.position)).toString('hex');
}

function readLsid(lsid: unknown): { sessionId: string; lsid: Document } {
  if (lsid === null || typeof lsid !== 'object' || Array.isArray(lsid) || bsonTag(lsid)) {
    throw wrongType('lsid', lsid, 'object');
  }
  const { id } = lsid as Document;
  if (id === undefined) {
    throw new CommandError(
      'Location40414',
      "BSON field 'OperationSessionInfo.lsid.id' is missing but a required field",
    );
  }
  if (!(id instanceof Binary)) throw wrongType('lsid.id', id, 'binData');
  return { sessionId: sessionIdString(id), lsid: lsid as Document };
}

function readInteger(command: Document, field: string, expected: string): number | undefined {
  const value = command[field];
  if (value === undefined) return undefined;
  if (!isNumeric(value) || !Number.isInteger(toNumber(value)))
    throw wrongType(field, value, expected);
  return toNumber(value);
}

function readBoolean(command: Document, field: string): boolean | undefined {
  const value = command[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw wrongType(field, value, 'bool');
  return value;
}

/**
 * Reads and checks lsid / txnNumber / autocommit / startTransaction / stmtId with mongod's rules
 * (initializeOperationSessionInfo): a txnNumber needs a session, autocommit a txnNumber and only
 * `false`, startTransaction only `true` and with autocommit.
 */
export function readSessionFields(command: Document): SessionFields {
  const session = command.lsid === undefined ? undefined : readLsid(command.lsid);
  const txnNumber = readInteger(command, 'txnNumber', 'long');
  const autocommit = readBoolean(command, 'autocommit');
  const startTransaction = readBoolean(command, 'startTransaction');
  const stmtId = readInteger(command, 'stmtId', 'int');
  if (txnNumber !== undefined) {
    if (!session) {
      throw new CommandError(
        'InvalidOptions',
        'Transaction number requires a session ID to also be specified',
      );
    }
    if (txnNumber < 0) throw new CommandError('BadValue', 'Transaction number cannot be negative');
  }
  if (autocommit !== undefined) {
    if (txnNumber === undefined) {
      throw new CommandError(
        'InvalidOptions',
        "'autocommit' field requires a transaction number to also be specified",
      );
    }
    if (autocommit) {
      throw new CommandError('InvalidOptions', 'Specifying autocommit=true is not allowed.');
    }
  }
  if (startTransaction !== undefined) {
    if (!startTransaction) {
      throw new CommandError('InvalidOptions', 'Specifying startTransaction=false is not allowed.');
    }
    if (autocommit === undefined) {
      throw new CommandError(
        'InvalidOptions',
        "'startTransaction' field requires 'autocommit' field to also be specified",
      );
    }
  }
  return {
    ...(session ?? {}),
    ...(txnNumber !== undefined ? { txnNumber } : {}),
    ...(autocommit !== undefined ? { autocommit } : {}),
    ...(startTransaction !== undefined ? { startTransaction } : {}),
    ...(stmtId !== undefined ? { stmtId } : {}),
  };
}
