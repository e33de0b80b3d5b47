// `npm run migrate [-- --apply|--yes|--status]`: pushes every model's $jsonSchema validator and indexes
// (lib/catalog/models.ts), then runs the data migrations not yet applied
// (lib/catalog/data-migrations.ts). Prints the dry-run diff first; applies with --apply, --yes
// or CI=true. A second run finds nothing to do. Fit to run right after `serverless deploy`; handlers never
// do this on a cold start. Needs MONGODB_URI + MONGODB_DB (and MONGODB_<NAME>_URI/_DB for
// models on named connections). `--status` changes nothing: it lists the pending schema steps and
// where each data migration stands (applied when, running, pending).
import { DATA_MIGRATIONS } from '#lib/catalog/data-migrations.ts';
import { MODELS } from '#lib/catalog/models.ts';
import { getConfig } from '#lib/config/index.ts';
import { redact } from '#lib/log/redact.ts';
import { migrationStatus, migrationTargets, runMigration } from '#lib/migrate/run.ts';

const FLAGS = new Set(['--apply', '--yes', '--status']);
const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((a) => !FLAGS.has(a));
if (unknown.length > 0) {
  console.error(
    `Unknown option ${unknown.join(', ')}; usage: npm run migrate [-- --apply | --status]`,
  );
  process.exit(2);
}
const apply = args.has('--apply') || args.has('--yes') || process.env.CI === 'true';
try {
  const targets = migrationTargets(getConfig(), MODELS, DATA_MIGRATIONS);
  const print = (line: string) => console.log(line);
  if (args.has('--status')) await migrationStatus(targets, print);
  else await runMigration(targets, apply, print);
} catch (error) {
  // A data migration's own error is its cause: say it too (redacted, as every log line is).
  const { cause } = error instanceof Error ? error : {};
  const why = cause instanceof Error ? `: ${cause.name}: ${cause.message}` : '';
  console.error(
    `Migration failed: ${redact(`${error instanceof Error ? error.message : error}${why}`)}`,
  );
  process.exitCode = 1;
}
