import { Long, ObjectId } from 'bson';
import { FailPointRegistry } from '../failpoints/registry.ts';
import { ClusterClock } from './cluster-clock.ts';
import { SessionRegistry } from './session-registry.ts';
import type { VersionInfo } from './versions.ts';

/** serverStatus.opcounters: MongoDB counts per document for writes, per command otherwise. */
export interface OpCounters {
  insert: number;
  query: number;
  update: number;
  delete: number;
  getmore: number;
  command: number;
}

export interface ServerStateOptions {
  readonly host: string;
  readonly port: number;
  readonly version: VersionInfo;
  readonly testCommands: boolean;
  readonly setName?: string;
}

/** Incoming connections localdb reports as its limit (serverStatus.connections.available). */
const MAX_CONNECTIONS = 1_000_000;

/** Process-wide facts and counters of one running localdb, shared by every connection and command. */
export class ServerState {
  readonly startedAt = new Date();
  readonly host: string;
  readonly port: number;
  readonly version: VersionInfo;
  /** True when test-only commands (fail points...) are enabled. */
  readonly testCommands: boolean;
  readonly setName: string;
  readonly setVersion = 1;
  /** Identifies this server process to the driver's SDAM: a new processId means "restarted". */
  readonly topologyVersion = Object.freeze({
    processId: new ObjectId(),
    counter: Long.fromNumber(0),
  });
  readonly electionId = new ObjectId('7fffffff0000000000000001');
  readonly clock = new ClusterClock();
  /** Logical sessions seen through the commands' lsid. */
  readonly sessions = new SessionRegistry();
  /** configureFailPoint's fail points (consulted only when testCommands is on). */
  readonly failPoints = new FailPointRegistry();
  readonly opcounters: OpCounters = {
    insert: 0,
    query: 0,
    update: 0,
    delete: 0,
    getmore: 0,
    command: 0,
  };
  readonly connections = { current: 0, totalCreated: 0 };
  private readonly shutdown = new AbortController();
  private lastConnectionId = 0;

  constructor(options: ServerStateOptions) {
    this.host = options.host;
    this.port = options.port;
    this.version = options.version;
    this.testCommands = options.testCommands;
    this.setName = options.setName ?? 'localdb';
  }

  /** `host:port` exactly as in the connection string (the driver matches it against `hello.hosts`). */
  get hostAndPort(): string {
    return `${this.host}:${this.port}`;
  }

  get availableConnections(): number {
    return MAX_CONNECTIONS - this.connections.current;
  }

  /** Registers a new connection and returns its id (1, 2, 3...), as `hello.connectionId` reports. */
  openConnection(): number {
    this.connections.current += 1;
    this.connections.totalCreated += 1;
    this.lastConnectionId += 1;
    return this.lastConnectionId;
  }

  closeConnection(): void {
    this.connections.current -= 1;
  }

  /** Aborted when the server stops: long waits (awaitable hello) end with it. */
  get shutdownSignal(): AbortSignal {
    return this.shutdown.signal;
  }

  beginShutdown(): void {
    this.shutdown.abort(new Error('localdb is shutting down'));
  }
}
