import { hostname } from 'node:os';
import type { CommandHandler } from '../types.ts';

const serverStatus: CommandHandler = (_command, { server }) => {
  const now = new Date();
  const uptimeMillis = now.getTime() - server.startedAt.getTime();
  return {
    host: hostname(),
    version: server.version.version,
    process: 'mongod',
    pid: process.pid,
    uptime: Math.floor(uptimeMillis / 1000),
    uptimeMillis,
    uptimeEstimate: Math.floor(uptimeMillis / 1000),
    localTime: now,
    connections: {
      current: server.connections.current,
      available: server.availableConnections,
      totalCreated: server.connections.totalCreated,
      active: server.connections.current,
    },
    opcounters: { ...server.opcounters },
    logicalSessionRecordCache: {
      activeSessionsCount: server.sessions.list(now).length,
      sessionsCollectionJobCount: 0,
      lastSessionsCollectionJobDurationMillis: 0,
      lastSessionsCollectionJobTimestamp: server.startedAt,
      lastSessionsCollectionJobEntriesRefreshed: 0,
      lastSessionsCollectionJobEntriesEnded: 0,
      lastSessionsCollectionJobCursorsClosed: 0,
      transactionReaperJobCount: 0,
      lastTransactionReaperJobDurationMillis: 0,
      lastTransactionReaperJobTimestamp: server.startedAt,
      lastTransactionReaperJobEntriesCleanedUp: 0,
      sessionCatalogSize: server.sessions.size,
    },
    repl: {
      setName: server.setName,
      setVersion: server.setVersion,
      isWritablePrimary: true,
      secondary: false,
      hosts: [server.hostAndPort],
      primary: server.hostAndPort,
      me: server.hostAndPort,
      electionId: server.electionId,
      topologyVersion: server.topologyVersion,
    },
    storageEngine: { name: 'localdb', supportsCommittedReads: true, persistent: true },
    mem: { bits: 64, resident: Math.round(process.memoryUsage().rss / 1024 / 1024) },
  };
};

export const serverStatusCommands = Object.freeze({ serverStatus });
