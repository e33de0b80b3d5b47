// `npm run migrate [-- --apply|--yes]`: pushes every model's $jsonSchema validator and indexes
// (lib/catalog/models.ts), then runs the data migrations not yet applied
// (lib/catalog/data-migrations.ts). Prints the dry-run diff first; applies with --apply, --yes
// or CI=true. A second run finds nothing to do. Fit to run right after `serverless deploy`; handlers never
// do this on a cold start. Needs MONGODB_URI + MONGODB_DB (and MONGODB_<NAME>_URI/_DB for
// models on named connections).
import { DATA_MIGRATIONS } from '#lib/catalog/data-migrations.ts';
import { MODELS } from '#lib/catalog/models.ts';
import { getConfig } from '#lib/config/index.ts';
import { redact } from '#lib/log/redact.ts';
import { migrationTargets, runMigration } from '#lib/migrate/run.ts';

const args = new Set(process.argv.slice(2));
const apply = args.has('--apply') || args.has('--yes') || process.env.CI === 'true';
try {
  const targets = migrationTargets(getConfig(), MODELS, DATA_MIGRATIONS);
  await runMigration(targets, apply, (line) => console.log(line));
} catch (error) {
  // A data migration's own error is its cause: say it too (redacted, as every log line is).
  const { cause } = error instanceof Error ? error : {};
  const why = cause instanceof Error ? `: ${cause.name}: ${cause.message}` : '';
  console.error(
    `Migration failed: ${redact(`${error instanceof Error ? error.message : error}${why}`)}`,
  );
  process.exitCode = 1;
}
