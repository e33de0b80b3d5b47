import type { CommandHandler } from '../types.ts';

// Server sessions are created implicitly by the lsid the driver attaches; until transactions track
// them there is nothing to end, kill or refresh, so these acknowledge as MongoDB does.
const acknowledge: CommandHandler = () => ({});

export const sessionCommands = Object.freeze({
  endSessions: acknowledge,
  killAllSessions: acknowledge,
  killSessions: acknowledge,
  refreshSessions: acknowledge,
});
