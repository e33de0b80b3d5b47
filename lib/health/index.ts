export { HealthRoutes } from './api.ts';
export { checkHealth } from './check.ts';
