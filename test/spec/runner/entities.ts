import type {
  AbstractCursor,
  ChangeStream,
  ClientSession,
  Collection,
  Db,
  Document,
  GridFSBucket,
  MongoClient,
} from 'mongodb';
import type { ObservedEvent } from './events.ts';
import type { MatchEntities } from './match.ts';

export interface ClientEntity {
  readonly client: MongoClient;
  /** Events in arrival order (empty when the client observes none). */
  readonly events: ObservedEvent[];
  readonly observeEvents: readonly string[];
}

export interface SessionEntity {
  readonly session: ClientSession;
  readonly client: ClientEntity;
  /** The lsid captured at creation, so `$$sessionLsid` works after endSession too. */
  readonly lsid: Document;
}

/** Entity kinds and the value each holds. */
interface EntityKinds {
  client: ClientEntity;
  database: Db;
  collection: Collection;
  session: SessionEntity;
  bucket: GridFSBucket;
  /** A find or command cursor, or a change stream (the format calls both cursors). */
  cursor: AbstractCursor | ChangeStream;
  bson: unknown;
}

export type EntityKind = keyof EntityKinds;

interface Entry<K extends EntityKind = EntityKind> {
  readonly kind: K;
  readonly value: EntityKinds[K];
}

/** The per-test entity map: unique names, typed look-ups, and cleanup of driver objects. */
export class EntityMap implements MatchEntities {
  readonly #entries = new Map<string, Entry>();

  set<K extends EntityKind>(name: string, kind: K, value: EntityKinds[K]): void {
    if (this.#entries.has(name)) throw new Error(`entity ${name} already exists`);
    this.#entries.set(name, { kind, value });
  }

  get<K extends EntityKind>(name: string, kind: K): EntityKinds[K] {
    const entry = this.#entries.get(name);
    if (!entry) throw new Error(`entity ${name} is not defined`);
    if (entry.kind !== kind)
      throw new Error(`entity ${name} is a ${entry.kind}, expected a ${kind}`);
    return entry.value as EntityKinds[K];
  }

  kindOf(name: string): EntityKind {
    const entry = this.#entries.get(name);
    if (!entry) throw new Error(`entity ${name} is not defined`);
    return entry.kind;
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  bsonValue(name: string): unknown {
    return this.get(name, 'bson');
  }

  sessionLsid(name: string): Document {
    return this.get(name, 'session').lsid;
  }

  clients(): ClientEntity[] {
    return [...this.#entries.values()]
      .filter((e) => e.kind === 'client')
      .map((e) => e.value as ClientEntity);
  }

  /** Ends sessions, closes cursors, then closes clients; cleanup errors are collected, not thrown. */
  async close(): Promise<unknown[]> {
    const errors: unknown[] = [];
    const entries = [...this.#entries.values()];
    const attempt = async (action: () => Promise<unknown>) => {
      try {
        await action();
      } catch (error) {
        errors.push(error);
      }
    };
    for (const entry of entries) {
      if (entry.kind === 'session')
        await attempt(() => (entry.value as SessionEntity).session.endSession());
      if (entry.kind === 'cursor')
        await attempt(() => (entry.value as AbstractCursor | ChangeStream).close());
    }
    for (const entry of entries) {
      if (entry.kind === 'client')
        await attempt(() => (entry.value as ClientEntity).client.close());
    }
    this.#entries.clear();
    return errors;
  }
}
