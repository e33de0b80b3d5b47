import type { Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, expect, vi } from 'vitest';
import { type Library, loadLibrary } from '#test/integration/api/support/library.ts';
import { connectTestClient, testMongoUri, uniqueDbName } from '#test/support/database.ts';
import { ready } from '#test/support/ready.ts';
import { CommandLog } from './commands.ts';
import { captureOutput } from './output.ts';

export interface SecureFixture {
  readonly api: Library;
  readonly db: Db;
  /** Every command the handlers' client started since the last test began. */
  readonly commands: CommandLog;
  /** What the handlers printed during the current test (logs and metrics). */
  output(): string;
  /** An existing author and one of their books, for the routes with an `{id}`. */
  readonly ids: { readonly author: string; readonly book: string; readonly user: string };
}

/** The run's URI with command monitoring on, so the handlers' own cached client emits events. */
export function monitoredUri(): string {
  const uri = testMongoUri();
  return `${uri}${uri.includes('?') ? '&' : '?'}monitorCommands=true`;
}

/**
 * Hooks of a security test file: a migrated database, cold-started handlers whose cached client
 * is watched, a seeded author with one book, quiet logs, and a prototype check after each test.
 */
export function useSecureApi(prefix: string, env: Record<string, string> = {}): SecureFixture {
  const dbName = uniqueDbName(prefix);
  const commands = new CommandLog();
  let api: Library | undefined;
  let client: MongoClient | undefined;
  const ids = { author: '', book: '', user: '' };
  let output: ReturnType<typeof captureOutput> | undefined;
  beforeAll(async () => {
    client = await connectTestClient();
    const { setupDatabase } = await import('#lib/setup/index.ts');
    await setupDatabase(client.db(dbName));
    const uri = monitoredUri();
    api = await loadLibrary({
      MONGODB_URI: uri,
      MONGODB_DB: dbName,
      MONGODB_URI_SSM_PARAMETER: undefined,
      ...env,
    });
    // Same URI → the very client the handlers use (lib/mongo caches one client per URI).
    const { getConfig } = await import('#lib/config/index.ts');
    const mongo = api.mongo;
    commands.attach(await mongo.getMongoClient(uri, mongo.mongoClientOptions(getConfig())));
    captureOutput();
    const author = await api.call('createAuthor', { path: '/authors', body: { name: 'Seed' } });
    ids.author = author.body._id;
    const book = await api.call('createBook', {
      path: '/books',
      body: { title: 'Seed book', year: 2000, authorId: ids.author },
    });
    ids.book = book.body._id;
    const user = await api.call('createUser', { path: '/users', body: { name: 'Seed' } });
    ids.user = user.body._id;
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await api?.mongo.resetMongoClient();
    await client?.db(dbName).dropDatabase();
    await client?.close();
  });
  beforeEach(() => {
    output = captureOutput();
    commands.clear();
    return () => {
      vi.restoreAllMocks();
      expect(({} as Record<string, unknown>).polluted, 'Object.prototype polluted').toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
      expect(commands.findings()).toEqual([]);
    };
  });
  return {
    get api() {
      return ready(api, 'secureApi: api');
    },
    get db() {
      return ready(client, 'secureApi: the database').db(dbName);
    },
    commands,
    ids,
    output: () => output?.text() ?? '',
  };
}
