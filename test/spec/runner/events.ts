import type { Document, MongoClient } from 'mongodb';
import { isDocument } from './bson-values.ts';

/** One observed event, named as in the unified format (e.g. `commandStartedEvent`). */
export interface ObservedEvent {
  readonly type: string;
  readonly category: 'command' | 'cmap';
  readonly event: Document;
}

/** Unified-format event names → the driver's event names. */
const DRIVER_EVENTS = Object.freeze({
  commandStartedEvent: 'commandStarted',
  commandSucceededEvent: 'commandSucceeded',
  commandFailedEvent: 'commandFailed',
  poolCreatedEvent: 'connectionPoolCreated',
  poolReadyEvent: 'connectionPoolReady',
  poolClearedEvent: 'connectionPoolCleared',
  poolClosedEvent: 'connectionPoolClosed',
  connectionCreatedEvent: 'connectionCreated',
  connectionReadyEvent: 'connectionReady',
  connectionClosedEvent: 'connectionClosed',
  connectionCheckOutStartedEvent: 'connectionCheckOutStarted',
  connectionCheckOutFailedEvent: 'connectionCheckOutFailed',
  connectionCheckedOutEvent: 'connectionCheckedOut',
  connectionCheckedInEvent: 'connectionCheckedIn',
} as const);

type SpecEventName = keyof typeof DRIVER_EVENTS;

/** Commands whose events the format says to drop unless observeSensitiveCommands is set. */
const SENSITIVE_COMMANDS = Object.freeze([
  'authenticate',
  'saslstart',
  'saslcontinue',
  'getnonce',
  'createuser',
  'updateuser',
  'copydbgetnonce',
  'copydbsaslstart',
  'copydb',
]);

export interface EventOptions {
  readonly observeEvents: readonly string[];
  readonly ignoreCommandMonitoringEvents: readonly string[];
  readonly observeSensitiveCommands: boolean;
}

function isSensitive(name: string, command: Document | undefined): boolean {
  const lower = name.toLowerCase();
  if (SENSITIVE_COMMANDS.includes(lower)) return true;
  // hello is sensitive when it authenticates; the driver then redacts it to an empty document.
  if (lower === 'hello' || lower === 'ismaster')
    return !command || Object.keys(command).length === 0 || 'speculativeAuthenticate' in command;
  return false;
}

/**
 * A copy of the event's command/reply as they are now: the driver shares some sub-documents
 * between commands and mutates them later (a transaction's readConcern gains afterClusterTime
 * when the next transaction starts), which would rewrite already-recorded events.
 */
function snapshotEvent(event: Document): Document {
  const copy: Document = { ...event };
  for (const key of ['command', 'reply']) {
    if (event[key] !== undefined) copy[key] = snapshot(event[key]);
  }
  return copy;
}

/** Deep copy of documents, arrays and Maps; BSON values and other scalars are kept as they are. */
function snapshot(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snapshot);
  if (value instanceof Map) return new Map([...value.entries()].map(([k, v]) => [k, snapshot(v)]));
  if (!isDocument(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, snapshot(v)]));
}

/** Subscribes to the requested events of a client entity and records them in order. */
export function collectEvents(client: MongoClient, options: EventOptions): ObservedEvent[] {
  const events: ObservedEvent[] = [];
  const ignored = new Set([...options.ignoreCommandMonitoringEvents, 'configureFailPoint']);
  for (const name of options.observeEvents) {
    if (!(name in DRIVER_EVENTS)) continue;
    const driverName = DRIVER_EVENTS[name as SpecEventName];
    const category = name.startsWith('command') ? 'command' : 'cmap';
    client.on(driverName, (event: Document) => {
      if (category === 'command') {
        const commandName = String(event.commandName);
        if (ignored.has(commandName)) return;
        if (
          !options.observeSensitiveCommands &&
          isSensitive(commandName, (event.command ?? event.reply) as Document | undefined)
        )
          return;
      }
      events.push({ type: name, category, event: snapshotEvent(event) });
    });
  }
  return events;
}
