import type { CommandHandler } from '../types.ts';

/**
 * configureFailPoint (test mode only: registered only when testCommands is on, so it is otherwise
 * CommandNotFound as on a mongod without enableTestCommands). Answers the times entered before.
 */
const configureFailPoint: CommandHandler = (command, { server }) => ({
  count: server.failPoints.configure(command),
});

export const testCommands = Object.freeze({ configureFailPoint });
