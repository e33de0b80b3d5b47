import type { Document } from 'mongodb';
import { assert } from 'vitest';
import type { EntityMap } from './entities.ts';
import type { ObservedEvent } from './events.ts';
import { assertMatches } from './match.ts';
import type { ExpectedEventsForClient } from './types.ts';

function describeEvent(observed: ObservedEvent): string {
  const name = observed.event.commandName ? ` ${observed.event.commandName}` : '';
  return `${observed.type}${name}`;
}

/** The wtimeout the node driver adds to commit/abortTransaction when it has a write concern. */
const DRIVER_TXN_WTIMEOUT = 10_000;

/**
 * The node driver sends `writeConcern: { ...wc, wtimeout: 10000 }` with commit/abortTransaction
 * (no other driver does, and the transactions spec does not ask for it); drop that default when
 * the expected writeConcern does not mention wtimeout, so the rest of the command is still checked.
 */
function withoutDriverWtimeout(
  expected: Document,
  actual: Document | undefined,
): Document | undefined {
  const writeConcern = actual?.writeConcern;
  const name = Object.keys(actual ?? {})[0];
  if (name !== 'commitTransaction' && name !== 'abortTransaction') return actual;
  if (!writeConcern || writeConcern.wtimeout !== DRIVER_TXN_WTIMEOUT) return actual;
  if (typeof expected.writeConcern !== 'object' || 'wtimeout' in expected.writeConcern)
    return actual;
  const { wtimeout: _dropped, ...rest } = writeConcern;
  return { ...actual, writeConcern: rest };
}

function assertEvent(
  expected: Document,
  observed: ObservedEvent,
  entities: EntityMap,
  path: string,
): void {
  const [type, spec] = Object.entries(expected)[0] ?? [];
  if (!type) throw new Error(`${path}: empty expected event`);
  assert.strictEqual(
    observed.type,
    type,
    `${path}: event type (observed ${describeEvent(observed)})`,
  );
  const event = observed.event;
  for (const [key, value] of Object.entries(spec as Document)) {
    switch (key) {
      case 'command':
        assertMatches(value, withoutDriverWtimeout(value, event.command), entities, {
          root: true,
          path: `${path}.command`,
        });
        break;
      case 'reply':
        assertMatches(value, event.reply, entities, { root: true, path: `${path}.reply` });
        break;
      case 'commandName':
      case 'databaseName':
      case 'reason':
        assert.strictEqual(event[key], value, `${path}.${key}`);
        break;
      case 'hasServiceId':
        assert.strictEqual(event.serviceId != null, value, `${path}.hasServiceId`);
        break;
      case 'hasServerConnectionId':
        assert.strictEqual(
          event.serverConnectionId != null,
          value,
          `${path}.hasServerConnectionId`,
        );
        break;
      default:
        throw new Error(`${path}: unsupported expected event field ${key}`);
    }
  }
}

/** Asserts the number and sequence of observed events per client (a prefix with ignoreExtraEvents). */
export function assertEvents(
  expectations: readonly ExpectedEventsForClient[],
  entities: EntityMap,
): void {
  for (const expectation of expectations) {
    const category = expectation.eventType ?? 'command';
    const observed = entities
      .get(expectation.client, 'client')
      .events.filter((e) => e.category === category);
    const summary = observed.map(describeEvent).join(', ');
    if (expectation.ignoreExtraEvents) {
      assert.isAtLeast(
        observed.length,
        expectation.events.length,
        `${expectation.client} events: [${summary}]`,
      );
    } else {
      assert.strictEqual(
        observed.length,
        expectation.events.length,
        `${expectation.client} event count: [${summary}]`,
      );
    }
    expectation.events.forEach((expected, index) => {
      const actual = observed[index];
      if (actual)
        assertEvent(expected, actual, entities, `expectEvents[${expectation.client}][${index}]`);
    });
  }
}
