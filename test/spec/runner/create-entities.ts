import { type Document, GridFSBucket, MongoClient } from 'mongodb';
import type { EntityMap } from './entities.ts';
import { collectEvents } from './events.ts';
import { toDriverOptions } from './options.ts';
import { SkipTest } from './skip.ts';
import type { EntityDescription } from './types.ts';
import type { ClientUris } from './uris.ts';

/** appName of client entities that set none; fail points are scoped to it (see FailPoints). */
export const SPEC_APP_NAME = 'spec-runner';

/** Entity types this runner does not implement: tests using them are skipped with this reason. */
const UNSUPPORTED_ENTITIES: Readonly<Record<string, string>> = Object.freeze({
  clientEncryption: 'runner: clientEncryption entities not supported',
  thread: 'runner: thread entities not supported',
});

/** Reason to skip a test whose entities this runner cannot create, checked before any work. */
export function unsupportedEntity(descriptions: readonly EntityDescription[]): string | undefined {
  for (const description of descriptions) {
    for (const [type, spec] of Object.entries(description)) {
      const reason = UNSUPPORTED_ENTITIES[type];
      if (reason) return reason;
      if (type === 'client' && spec.storeEventsAsEntities)
        return 'runner: storeEventsAsEntities not supported';
      if (type === 'client' && spec.serverApi)
        return 'runner: serverApi client option not supported';
    }
  }
  return undefined;
}

function createClient(spec: Document, uris: ClientUris, entities: EntityMap): void {
  const observeEvents: string[] = spec.observeEvents ?? [];
  const uri = spec.useMultipleMongoses === false ? uris.single : uris.multiple;
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: 10_000,
    appName: SPEC_APP_NAME,
    ...spec.uriOptions,
    monitorCommands: observeEvents.some((name) => name.startsWith('command')),
  });
  const events = collectEvents(client, {
    observeEvents,
    ignoreCommandMonitoringEvents: spec.ignoreCommandMonitoringEvents ?? [],
    observeSensitiveCommands: spec.observeSensitiveCommands === true,
  });
  entities.set(spec.id, 'client', { client, events, observeEvents });
  // No explicit connect(): it selects a server by the client's read preference (e.g. secondary),
  // which a single-member replica set cannot satisfy although the test's operations can.
}

/** Creates each described entity (client, database, collection, session) in order. */
export async function createEntities(
  descriptions: readonly EntityDescription[],
  uris: ClientUris,
  entities: EntityMap,
): Promise<void> {
  const reason = unsupportedEntity(descriptions);
  if (reason) throw new SkipTest(reason);
  for (const description of descriptions) {
    for (const [type, spec] of Object.entries(description)) {
      switch (type) {
        case 'client':
          createClient(spec, uris, entities);
          break;
        case 'database': {
          const { client } = entities.get(spec.client, 'client');
          entities.set(
            spec.id,
            'database',
            client.db(spec.databaseName, toDriverOptions(spec.databaseOptions ?? {})),
          );
          break;
        }
        case 'collection': {
          const db = entities.get(spec.database, 'database');
          const collection = db.collection(
            spec.collectionName,
            toDriverOptions(spec.collectionOptions ?? {}),
          );
          entities.set(spec.id, 'collection', collection);
          break;
        }
        case 'bucket': {
          const db = entities.get(spec.database, 'database');
          entities.set(
            spec.id,
            'bucket',
            new GridFSBucket(db, toDriverOptions(spec.bucketOptions ?? {})),
          );
          break;
        }
        case 'session': {
          const owner = entities.get(spec.client, 'client');
          const { defaultTransactionOptions, ...sessionOptions } = spec.sessionOptions ?? {};
          const session = owner.client.startSession({
            ...sessionOptions,
            ...(defaultTransactionOptions
              ? { defaultTransactionOptions: toDriverOptions(defaultTransactionOptions) }
              : {}),
          });
          const lsid = session.id;
          if (!lsid) throw new Error(`session ${spec.id} has no lsid`);
          entities.set(spec.id, 'session', { session, client: owner, lsid });
          break;
        }
        default:
          throw new Error(`unknown entity type ${type}`);
      }
    }
  }
}
