import { setTimeout as delay } from 'node:timers/promises';
import { type Document, Long, ObjectId } from 'bson';
import { LOGICAL_SESSION_TIMEOUT_MINUTES } from '../../server/session-registry.ts';
import { WireLimits } from '../../wire/limits.ts';
import type { CommandContext, CommandHandler } from '../types.ts';

/** True when the request carries the awaitable-hello fields (the driver's streaming monitor). */
export function isAwaitableHello(command: Document): boolean {
  return command.topologyVersion !== undefined && command.maxAwaitTimeMS !== undefined;
}

/**
 * Awaitable hello: the client already knows our topologyVersion, so answer only when it changes or after
 * maxAwaitTimeMS. A single node never changes topology, so this is a cancellable wait.
 */
async function awaitTopologyChange(command: Document, context: CommandContext): Promise<void> {
  const known = command.topologyVersion as Document;
  const ours = context.server.topologyVersion;
  const sameProcess = known.processId instanceof ObjectId && known.processId.equals(ours.processId);
  if (!sameProcess || Number(known.counter) !== Number(ours.counter)) return;
  const waitMs = Math.max(0, Number(command.maxAwaitTimeMS) || 0);
  // The connection's signal also fires on shutdown (stop() closes every socket); combining it with
  // the long-lived shutdown signal through AbortSignal.any would pile up listeners on the latter.
  await delay(waitMs, undefined, { signal: context.signal ?? context.server.shutdownSignal });
}

function helloReply(command: Document, context: CommandContext, legacy: boolean): Document {
  const { server } = context;
  const lastWriteTime = server.clock.now();
  const opTime = { ts: lastWriteTime, t: Long.fromNumber(1) };
  return {
    topologyVersion: server.topologyVersion,
    hosts: [server.hostAndPort],
    setName: server.setName,
    setVersion: server.setVersion,
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    secondary: false,
    primary: server.hostAndPort,
    me: server.hostAndPort,
    electionId: server.electionId,
    lastWrite: {
      opTime,
      lastWriteDate: server.clock.lastWriteDate,
      majorityOpTime: opTime,
      majorityWriteDate: server.clock.lastWriteDate,
    },
    maxBsonObjectSize: WireLimits.maxBsonObjectSize,
    maxMessageSizeBytes: WireLimits.maxMessageSizeBytes,
    maxWriteBatchSize: WireLimits.maxWriteBatchSize,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: LOGICAL_SESSION_TIMEOUT_MINUTES,
    connectionId: context.connectionId,
    minWireVersion: 0,
    maxWireVersion: server.version.maxWireVersion,
    readOnly: false,
    ...(command.helloOk === true ? { helloOk: true } : {}),
  };
}

function helloHandler(legacy: boolean): CommandHandler {
  return async (command, context) => {
    if (isAwaitableHello(command)) await awaitTopologyChange(command, context);
    return helloReply(command, context, legacy);
  };
}

export const helloCommands = Object.freeze({
  hello: helloHandler(false),
  isMaster: helloHandler(true),
  ismaster: helloHandler(true),
});
