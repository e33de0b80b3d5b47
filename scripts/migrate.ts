// `npm run migrate [-- --apply|--yes]`: pushes every model's $jsonSchema validator and indexes
// (lib/catalog/models.ts). Prints the dry-run diff first; applies with --apply, --yes or CI=true.
// A second run finds nothing to do. Fit to run right after `serverless deploy`; handlers never
// do this on a cold start. Needs MONGODB_URI + MONGODB_DB (and MONGODB_<NAME>_URI/_DB for
// models on named connections).
import { MODELS } from '#lib/catalog/models.ts';
import { getConfig } from '#lib/config/index.ts';
import { migrationTargets, runMigration } from '#lib/migrate/run.ts';

const args = new Set(process.argv.slice(2));
const apply = args.has('--apply') || args.has('--yes') || process.env.CI === 'true';
try {
  await runMigration(migrationTargets(getConfig(), MODELS), apply, (line) => console.log(line));
} catch (error) {
  console.error('Migration failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
