import { arch, cpus, hostname, type as osType, release, totalmem } from 'node:os';
import { CommandError } from '../../errors.ts';
import type { CommandHandler } from '../types.ts';

const ping: CommandHandler = () => ({});

const whatsmyuri: CommandHandler = (_command, context) => ({ you: context.remoteAddress ?? '' });

/** localdb keeps no server log; the names mongod accepts answer empty. */
const getLog: CommandHandler = (command) => {
  const name = command.getLog;
  if (name === '*') return { names: ['global', 'startupWarnings'] };
  if (name === 'global' || name === 'startupWarnings') return { totalLinesWritten: 0, log: [] };
  throw new CommandError('BadValue', `no RamLog named: ${String(name)}`);
};

const hostInfo: CommandHandler = () => ({
  system: {
    currentTime: new Date(),
    hostname: hostname(),
    cpuAddrSize: 64,
    memSizeMB: Math.round(totalmem() / 1024 / 1024),
    numCores: cpus().length,
    cpuArch: arch(),
  },
  os: { type: osType(), name: osType(), version: release() },
  extra: {},
});

/** No authentication in localdb: every connection is the unauthenticated local user. */
const connectionStatus: CommandHandler = (command) => ({
  authInfo: {
    authenticatedUsers: [],
    authenticatedUserRoles: [],
    ...(command.showPrivileges ? { authenticatedUserPrivileges: [] } : {}),
  },
});

const getCmdLineOpts: CommandHandler = () => ({ argv: ['localdb'], parsed: {} });

export const diagnosticCommands = Object.freeze({
  ping,
  whatsmyuri,
  getLog,
  hostInfo,
  connectionStatus,
  getCmdLineOpts,
});
