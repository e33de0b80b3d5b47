export {
  applyDataMigration,
  CLAIM_EXPIRES_MS,
  DATA_MIGRATIONS_COLLECTION,
  type DataMigration,
  type DataMigrationState,
  dataMigrationStates,
  dataMigrationSteps,
} from './data-migrations.ts';
export { indexName, indexShape } from './indexes.ts';
export {
  applyMigration,
  formatPlan,
  type MigratableModel,
  type MigrationStep,
  planMigration,
} from './plan.ts';
export { type ConnectionModels, migrationStatus, migrationTargets, runMigration } from './run.ts';
