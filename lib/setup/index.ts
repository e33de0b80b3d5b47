export { setupDatabase } from './database.ts';
