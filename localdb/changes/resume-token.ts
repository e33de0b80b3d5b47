import { type Document, Timestamp } from 'bson';
import { CommandError } from '../errors.ts';
import { isPlainObject } from '../query/paths.ts';

/**
 * A position in the change log: after record `seq` of log `epoch`. `invalidate` marks the
 * invalidate event that follows a record (a drop or rename ending a stream), which startAfter
 * may resume from and resumeAfter may not, as in mongod.
 */
export interface ResumePoint {
  readonly clusterTime: Timestamp;
  readonly epoch: number;
  readonly seq: number;
  readonly invalidate: boolean;
}

/** Tokens are opaque to drivers: `{ _data: hex }`, like mongod's KeyString tokens, "82" first. */
const TOKEN = /^82([0-9A-F]{16})([0-9A-F]{8})([0-9A-F]{16})(0[01])$/;

const hex = (value: bigint, digits: number): string =>
  value.toString(16).toUpperCase().padStart(digits, '0');

export function encodeResumeToken(point: ResumePoint): Document {
  const time = (BigInt(point.clusterTime.t) << 32n) | BigInt(point.clusterTime.i);
  const data = `82${hex(time, 16)}${hex(BigInt(point.epoch), 8)}${hex(BigInt(point.seq), 16)}0${point.invalidate ? 1 : 0}`;
  return { _data: data };
}

export function decodeResumeToken(token: unknown, field: string): ResumePoint {
  const data = isPlainObject(token) ? token._data : undefined;
  const match = typeof data === 'string' ? TOKEN.exec(data) : null;
  if (!match) {
    throw new CommandError(
      'BadValue',
      `$changeStream.${field}: not a resume token this server issued (expected { _data: <hex> })`,
    );
  }
  const [, time = '', epoch = '', seq = '', flag = ''] = match;
  const t = BigInt(`0x${time}`);
  return {
    clusterTime: new Timestamp({ t: Number(t >> 32n), i: Number(t & 0xffff_ffffn) }),
    epoch: Number.parseInt(epoch, 16),
    seq: Number(BigInt(`0x${seq}`)),
    invalidate: flag === '01',
  };
}
