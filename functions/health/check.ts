import { checkHealth, HealthRoutes } from '#lib/health/index.ts';
import { httpHandler } from '#lib/http/index.ts';

/** GET /health → 200 {status:"ok"} when the database answers a ping, else 503. */
export const handler = httpHandler(HealthRoutes.check, ({ db, budget }) => checkHealth(db, budget));
