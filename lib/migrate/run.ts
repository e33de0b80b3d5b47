import { MongoClient } from 'mongodb';
import type { Config } from '#lib/config/index.ts';
import { DEFAULT_CONNECTION } from '#lib/mongo/connections.ts';
import { applyMigration, formatPlan, type MigratableModel, planMigration } from './plan.ts';

export interface ConnectionModels {
  readonly connection: string;
  readonly uri: string;
  readonly dbName: string;
  readonly models: readonly (MigratableModel & { readonly connection: string })[];
}

/** Groups models by the connection they name, with that connection's URI and database. */
export function migrationTargets(
  config: Config,
  models: readonly (MigratableModel & { readonly connection: string })[],
): ConnectionModels[] {
  const names = [...new Set(models.map((m) => m.connection))];
  return names.map((connection) => {
    const picked = models.filter((m) => m.connection === connection);
    if (connection === DEFAULT_CONNECTION) {
      if (config.uriSource.kind !== 'env') throw new Error('The migration needs MONGODB_URI');
      return { connection, uri: config.uriSource.uri, dbName: config.dbName, models: picked };
    }
    const named = config.connections[connection];
    if (!named) {
      const upper = connection.toUpperCase();
      throw new Error(
        `Models use connection '${connection}': set MONGODB_${upper}_URI and MONGODB_${upper}_DB`,
      );
    }
    return { connection, uri: named.uri, dbName: named.dbName, models: picked };
  });
}

/**
 * Prints the dry-run diff of every connection, then applies it when `apply` is set. Returns the
 * number of steps found (0 means the databases were already up to date).
 */
export async function runMigration(
  targets: readonly ConnectionModels[],
  apply: boolean,
  print: (line: string) => void,
): Promise<number> {
  let total = 0;
  for (const target of targets) {
    const client = new MongoClient(target.uri, {
      serverSelectionTimeoutMS: 10_000,
      appName: 'migrate',
    });
    try {
      const db = client.db(target.dbName);
      const steps = await planMigration(db, target.models);
      total += steps.length;
      print(formatPlan(`[${target.connection}] ${target.dbName}`, steps));
      if (apply && steps.length > 0) {
        await applyMigration(db, steps);
        print(`[${target.connection}] applied ${steps.length} step(s)`);
      }
    } finally {
      await client.close();
    }
  }
  if (!apply && total > 0)
    print('Dry run: nothing changed. Run with --apply (or --yes, or CI=true) to apply.');
  return total;
}
