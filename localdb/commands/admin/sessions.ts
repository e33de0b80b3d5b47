import { Binary, type Document } from 'bson';
import { CommandError } from '../../errors.ts';
import { sessionIdString } from '../session-fields.ts';
import type { CommandHandler } from '../types.ts';

/** mongod refuses more session ids than this in one command. */
const MAX_SESSIONS_PER_COMMAND = 10_000;

/** The session ids of endSessions / killSessions / refreshSessions: `[{ id: UUID }, ...]`. */
function sessionIds(command: Document, name: string): string[] {
  const list = command[name];
  if (!Array.isArray(list)) {
    throw new CommandError('TypeMismatch', `BSON field '${name}' must be an array of session ids`);
  }
  if (list.length > MAX_SESSIONS_PER_COMMAND) {
    throw new CommandError(
      'BadValue',
      `${name} may not be passed more than ${MAX_SESSIONS_PER_COMMAND} sessions at once`,
    );
  }
  return list.map((entry: unknown) => {
    const id = (entry as Document | null)?.id;
    if (!(id instanceof Binary)) {
      throw new CommandError('TypeMismatch', `BSON field '${name}.id' must be a UUID`);
    }
    return sessionIdString(id);
  });
}

const endSessions: CommandHandler = (command, { server }) => {
  server.sessions.end(sessionIds(command, 'endSessions'));
  return {};
};

/** killSessions: ends the sessions (their operations and transactions with them, once tracked). */
const killSessions: CommandHandler = (command, { server }) => {
  server.sessions.end(sessionIds(command, 'killSessions'));
  return {};
};

const refreshSessions: CommandHandler = (command, { server }) => {
  server.sessions.refresh(sessionIds(command, 'refreshSessions'));
  return {};
};

/** No users in localdb: every session belongs to the one local user, so any pattern kills all. */
const killAllSessions: CommandHandler = (_command, { server }) => {
  server.sessions.clear();
  return {};
};

export const sessionCommands = Object.freeze({
  endSessions,
  killSessions,
  refreshSessions,
  killAllSessions,
  killAllSessionsByPattern: killAllSessions,
});
