export { indexName, indexShape } from './indexes.ts';
export {
  applyMigration,
  formatPlan,
  type MigratableModel,
  type MigrationStep,
  planMigration,
} from './plan.ts';
export { type ConnectionModels, migrationTargets, runMigration } from './run.ts';
