import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { type BeforeCommandHook, createDispatcher } from '../commands/dispatch.ts';
import { buildCommandTable } from '../commands/registry.ts';
import { Engine } from '../storage/engine.ts';
import { journalCommandHook } from '../storage/journal/index.ts';
import { Connection } from './connection.ts';
import { ServerState } from './server-state.ts';
import { DEFAULT_SERVER_VERSION, versionInfo } from './versions.ts';

export interface LocalDbOptions {
  /** TCP port; 0 (the default) picks any free port. */
  readonly port?: number;
  /** Interface to listen on; 127.0.0.1 by default. */
  readonly host?: string;
  /** Folder for durable storage; undefined keeps all data in memory. */
  readonly dbPath?: string;
  /** Enables test-only commands: configureFailPoint with the failCommand and onPrimaryTransactionalWrite points. */
  readonly testCommands?: boolean;
  /** The MongoDB version to claim: '8.0' (default), '7.0' or '6.0'. */
  readonly version?: string;
  /** The replica set name in `hello` and the uri; 'localdb' by default. */
  readonly replicaSetName?: string;
  /** Runs before every command (fail points plug in here). */
  readonly beforeCommand?: BeforeCommandHook;
}

export interface LocalDb {
  /** `mongodb://host:port/?replicaSet=<name>`: connect the driver with exactly this. */
  readonly uri: string;
  readonly port: number;
  readonly host: string;
  readonly state: ServerState;
  /** Closes the listener and every connection, then the engine. Safe to call twice. */
  stop(): Promise<void>;
}

export async function startLocalDb(options: LocalDbOptions = {}): Promise<LocalDb> {
  const host = options.host ?? '127.0.0.1';
  const version = versionInfo(options.version ?? DEFAULT_SERVER_VERSION);
  const engine = await Engine.open({ dbPath: options.dbPath });
  const server = createServer();
  try {
    server.listen(options.port ?? 0, host);
    await once(server, 'listening');
  } catch (error) {
    await engine.close();
    throw new Error(`localdb could not listen on ${host}:${options.port ?? 0}`, { cause: error });
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : Number(options.port);
  const state = new ServerState({
    host,
    port,
    version,
    testCommands: options.testCommands ?? false,
    ...(options.replicaSetName ? { setName: options.replicaSetName } : {}),
  });
  engine.changes.useClock(state.clock);
  const testCommands = options.testCommands ?? false;
  const dispatch = createDispatcher({
    commands: buildCommandTable({ testCommands }),
    beforeCommand: [
      ...(options.beforeCommand ? [options.beforeCommand] : []),
      ...(testCommands ? state.failPoints.hooks() : []),
      ...(engine.journal ? [journalCommandHook(engine.journal)] : []),
    ],
  });
  const connections = new Set<Connection>();
  let lastRequestId = 0;
  const nextRequestId = () => {
    lastRequestId = (lastRequestId + 1) | 0;
    return lastRequestId;
  };
  server.on('connection', (socket) => {
    const connection = new Connection(socket, { state, engine, dispatch, nextRequestId });
    connections.add(connection);
    socket.once('close', () => connections.delete(connection));
  });
  // A listener error after startup (e.g. EMFILE on accept) must not crash the process.
  server.on('error', (error) => process.emitWarning(`localdb listener error: ${error.message}`));

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= shutdown(server, connections, state, engine);
    return stopping;
  };
  const uri = `mongodb://${state.hostAndPort}/?replicaSet=${encodeURIComponent(state.setName)}`;
  return { uri, port, host, state, stop };
}

async function shutdown(
  server: Server,
  connections: Set<Connection>,
  state: ServerState,
  engine: Engine,
): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  state.beginShutdown();
  const sockets = [...connections].map((connection) => {
    connection.close();
    return connection.closedPromise;
  });
  await Promise.all([closed, ...sockets]);
  await engine.close();
}
