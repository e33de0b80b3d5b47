import { calculateObjectSize, type Document } from 'bson';
import { errorReply } from '../commands/dispatch.ts';
import { CommandError } from '../errors.ts';
import { encodeOpMsg, encodeOpReply, MsgFlag, WireLimits } from '../wire/index.ts';

export interface ReplyToEncode {
  /** OP_REPLY (answering an OP_QUERY) rather than OP_MSG. */
  readonly legacy: boolean;
  readonly requestId: number;
  readonly responseTo: number;
  readonly body: Document;
  readonly moreToCome: boolean;
}

/** Replies may exceed maxBsonObjectSize by the same slack mongod allows for command overhead. */
const MAX_REPLY_BYTES = WireLimits.maxBsonObjectSize + WireLimits.bsonObjectOverhead;

/**
 * Encodes a reply. One that cannot be encoded (over the size limit, or a value BSON cannot hold)
 * becomes an error reply instead, so a bad result fails one command, not the connection.
 */
export function encodeReply(reply: ReplyToEncode): Buffer {
  let bodyBytes: number;
  try {
    bodyBytes = calculateObjectSize(reply.body);
    if (bodyBytes <= MAX_REPLY_BYTES) return encode(reply, reply.body);
  } catch (error) {
    const failure = new CommandError(
      'InternalError',
      'could not encode the reply',
      {},
      { cause: error },
    );
    return encode(reply, { ...failure.toReply(), ...gossipOf(reply.body) });
  }
  const error = new CommandError(
    'BSONObjectTooLarge',
    `BSONObj size: ${bodyBytes} (0x${bodyBytes.toString(16).toUpperCase()}) is invalid. Size must be between 0 and ${MAX_REPLY_BYTES}(16MB)`,
  );
  return encode(reply, { ...errorReply(error), ...gossipOf(reply.body) });
}

function encode(reply: ReplyToEncode, body: Document): Buffer {
  if (reply.legacy) return encodeOpReply(reply.requestId, reply.responseTo, body);
  const flags = reply.moreToCome ? MsgFlag.moreToCome : 0;
  return encodeOpMsg({ requestId: reply.requestId, responseTo: reply.responseTo, body, flags });
}

function gossipOf(body: Document): Document {
  return { $clusterTime: body.$clusterTime, operationTime: body.operationTime };
}
