export { dataCommands } from './table.ts';
