import { MongoClient } from 'mongodb';
import type { Config } from '#lib/config/index.ts';
import { DEFAULT_CONNECTION } from '#lib/mongo/connections.ts';
import { type DataMigration, dataMigrationStates, dataMigrationSteps } from './data-migrations.ts';
import { applyMigration, formatPlan, type MigratableModel, planMigration } from './plan.ts';

export interface ConnectionModels {
  readonly connection: string;
  readonly uri: string;
  readonly dbName: string;
  readonly models: readonly (MigratableModel & { readonly connection: string })[];
  /** Every data migration of the catalog; the plan keeps this connection's. */
  readonly migrations: readonly DataMigration[];
}

/** Groups models (and data migrations) by the connection they name, with its URI and database. */
export function migrationTargets(
  config: Config,
  models: readonly (MigratableModel & { readonly connection: string })[],
  migrations: readonly DataMigration[] = [],
): ConnectionModels[] {
  const names = [
    ...new Set([
      ...models.map((m) => m.connection),
      ...migrations.map((m) => m.connection ?? DEFAULT_CONNECTION),
    ]),
  ];
  return names.map((connection) => {
    const picked = models.filter((m) => m.connection === connection);
    if (connection === DEFAULT_CONNECTION) {
      if (config.uriSource.kind !== 'env') throw new Error('The migration needs MONGODB_URI');
      const { uri } = config.uriSource;
      return { connection, uri, dbName: config.dbName, models: picked, migrations };
    }
    const named = config.connections[connection];
    if (!named) {
      const upper = connection.toUpperCase();
      throw new Error(
        `Models use connection '${connection}': set MONGODB_${upper}_URI and MONGODB_${upper}_DB`,
      );
    }
    return { connection, uri: named.uri, dbName: named.dbName, models: picked, migrations };
  });
}

const connect = (target: ConnectionModels) =>
  new MongoClient(target.uri, { serverSelectionTimeoutMS: 10_000, appName: 'migrate' });

/**
 * `--status`: per connection, how many schema steps are pending, and every data migration with
 * where it stands (applied when, running since its last renewal, or pending). Changes nothing.
 */
export async function migrationStatus(
  targets: readonly ConnectionModels[],
  print: (line: string) => void,
): Promise<void> {
  for (const target of targets) {
    const client = connect(target);
    try {
      const db = client.db(target.dbName);
      const where = `[${target.connection}] ${target.dbName}`;
      const schema = (await planMigration(db, target.models)).length;
      print(
        `${where}: ${schema === 0 ? 'validators and indexes up to date' : `${schema} validator/index step(s) pending`}`,
      );
      for (const m of await dataMigrationStates(db, target.migrations, target.connection)) {
        const at = m.at ? ` ${m.state === 'applied' ? 'at' : 'renewed'} ${m.at.toISOString()}` : '';
        print(`${where}: ${m.state.padEnd(7)} ${m.id}${at} (${m.description})`);
      }
    } finally {
      await client.close();
    }
  }
}

/**
 * Prints the dry-run diff of every connection, then applies it when `apply` is set: validators
 * and indexes first, then the pending data migrations, which so write under the new validator. Returns the
 * number of steps found (0 means the databases were already up to date).
 */
export async function runMigration(
  targets: readonly ConnectionModels[],
  apply: boolean,
  print: (line: string) => void,
): Promise<number> {
  let total = 0;
  for (const target of targets) {
    const client = connect(target);
    try {
      const db = client.db(target.dbName);
      const steps = [
        ...(await planMigration(db, target.models)),
        ...(await dataMigrationSteps(db, target.migrations, target.connection)),
      ];
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
