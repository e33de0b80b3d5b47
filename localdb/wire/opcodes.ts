/** Wire protocol opcodes (MongoDB Wire Protocol reference), the ones localdb knows by name. */
export const OpCode = Object.freeze({
  OP_REPLY: 1,
  OP_UPDATE: 2001,
  OP_INSERT: 2002,
  OP_QUERY: 2004,
  OP_GET_MORE: 2005,
  OP_DELETE: 2006,
  OP_KILL_CURSORS: 2007,
  OP_COMPRESSED: 2012,
  OP_MSG: 2013,
} as const);

/** A readable name for an opcode, for error messages. */
export function opCodeName(opCode: number): string {
  const entry = Object.entries(OpCode).find(([, code]) => code === opCode);
  return entry ? entry[0] : `unknown opcode ${opCode}`;
}

/** OP_MSG flagBits. Bits 0-15 are "required": a receiver must reject any it does not know. */
export const MsgFlag = Object.freeze({
  checksumPresent: 1 << 0,
  moreToCome: 1 << 1,
  exhaustAllowed: 1 << 16,
} as const);

export const KNOWN_REQUIRED_MSG_FLAGS = MsgFlag.checksumPresent | MsgFlag.moreToCome;
