import type { Document } from 'bson';
import { afterAll } from 'vitest';
import { dataCommands } from '#localdb/commands/data/index.ts';
import type { CommandContext } from '#localdb/commands/types.ts';
import type { ServerState } from '#localdb/server/server-state.ts';
import { Engine } from '#localdb/storage/engine.ts';

/**
 * localdb's data command handlers called as the server calls them, on an in-memory engine of
 * the test file's own (closed after it), without a socket: for property tests that run
 * hundreds of small databases.
 */
export function dataCommandHarness(prefix: string) {
  const engine = new Engine();
  afterAll(() => engine.close());
  let databases = 0;
  return {
    engine,
    /** A fresh database. */
    context(): CommandContext {
      databases += 1;
      return {
        db: `${prefix}_${databases}`,
        engine,
        server: { startedAt: new Date() } as unknown as ServerState,
        connectionId: 1,
      };
    },
    async run(context: CommandContext, command: Document): Promise<Document> {
      const name = Object.keys(command)[0] as string;
      const handler = dataCommands[name];
      if (!handler) throw new Error(`no handler ${name}`);
      return handler(command, context);
    },
  };
}
