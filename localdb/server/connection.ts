import type { Socket } from 'node:net';
import type { Document } from 'bson';
import { isAwaitableHello } from '../commands/admin/index.ts';
import { type Dispatcher, errorReply } from '../commands/dispatch.ts';
import type { CommandContext } from '../commands/types.ts';
import type { Engine } from '../storage/engine.ts';
import { type Frame, FrameReader, WireProtocolError } from '../wire/index.ts';
import { encodeReply } from './reply-encoder.ts';
import { type CommandRequest, decodeRequest } from './request.ts';
import type { ServerState } from './server-state.ts';

/** Requests received but not yet executed on one connection before reading pauses. */
const MAX_QUEUED_FRAMES = 64;

export interface ConnectionDeps {
  readonly state: ServerState;
  readonly engine: Engine;
  readonly dispatch: Dispatcher;
  /** Numbers outgoing messages (unique per server). */
  readonly nextRequestId: () => number;
}

/**
 * One client socket. Messages are executed strictly in arrival order (each waits for the previous
 * one's reply), while other connections interleave freely. A wire protocol violation closes only
 * this socket.
 */
export class Connection {
  readonly id: number;
  private readonly socket: Socket;
  private readonly deps: ConnectionDeps;
  private readonly reader = new FrameReader();
  private readonly closed = new AbortController();
  private queue: Promise<void> = Promise.resolve();
  private queuedFrames = 0;
  /** The handshake's `client` document, kept for the connection's life (fail points match its appName). */
  private clientMetadata: Document | undefined;

  constructor(socket: Socket, deps: ConnectionDeps) {
    this.socket = socket;
    this.deps = deps;
    this.id = deps.state.openConnection();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // Resets and other socket errors end only this connection; 'close' follows.
    socket.on('error', () => {});
    socket.once('close', () => {
      deps.state.closeConnection();
      this.closed.abort(new Error('connection closed'));
    });
  }

  /** Settles once the socket has closed and the connection is no longer counted. */
  get closedPromise(): Promise<void> {
    const { signal } = this.closed;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) =>
      signal.addEventListener('abort', () => resolve(), { once: true }),
    );
  }

  get isOpen(): boolean {
    return !this.socket.destroyed;
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.reader.push(chunk);
    } catch (error) {
      this.protocolFailure(error);
      return;
    }
    for (const frame of frames) {
      this.queuedFrames += 1;
      this.queue = this.queue.then(() => this.handle(frame));
    }
    // A client pipelining faster than commands run: stop reading until the backlog drains.
    if (this.queuedFrames > MAX_QUEUED_FRAMES) this.socket.pause();
  }

  private async handle(frame: Frame): Promise<void> {
    this.queuedFrames -= 1;
    if (this.queuedFrames <= MAX_QUEUED_FRAMES / 2 && this.socket.isPaused()) this.socket.resume();
    if (!this.isOpen) return;
    try {
      const request = decodeRequest(frame);
      await this.execute(request, frame.header.requestId);
    } catch (error) {
      this.protocolFailure(error);
    }
  }

  private async execute(request: CommandRequest, requestId: number): Promise<void> {
    let responseTo = requestId;
    let streaming = request.exhaustAllowed && isAwaitableHello(request.command);
    do {
      const reply = await this.run(request);
      if (request.noReply || !this.isOpen) return;
      // Exhaust: while the client allows it and sends nothing else, keep answering the awaitable
      // hello with moreToCome, each reply answering the previous one.
      streaming &&= reply.ok === 1 && this.queuedFrames === 0;
      responseTo = this.send(request, reply, responseTo, streaming);
    } while (streaming && this.isOpen);
  }

  private async run(request: CommandRequest): Promise<Document> {
    if (request.error) return { ...errorReply(request.error), ...this.deps.state.clock.gossip() };
    const { state, engine } = this.deps;
    this.clientMetadata ??= handshakeMetadata(request.command);
    const context: CommandContext = {
      db: request.db,
      engine,
      server: state,
      connectionId: this.id,
      remoteAddress: `${this.socket.remoteAddress}:${this.socket.remotePort}`,
      signal: this.closed.signal,
      closeConnection: () => this.close(),
      ...(this.clientMetadata ? { clientMetadata: this.clientMetadata } : {}),
    };
    return this.deps.dispatch(request.command, context);
  }

  /** Writes the reply and returns its request id. */
  private send(
    request: CommandRequest,
    body: Document,
    responseTo: number,
    moreToCome: boolean,
  ): number {
    const requestId = this.deps.nextRequestId();
    this.socket.write(
      encodeReply({ legacy: request.legacy, requestId, responseTo, body, moreToCome }),
    );
    return requestId;
  }

  private protocolFailure(error: unknown): void {
    if (!(error instanceof WireProtocolError)) {
      // A reply that could not be encoded (e.g. over the BSON size limit) or a bug: still one socket only.
      process.emitWarning(`localdb: closing connection ${this.id}: ${String(error)}`);
    }
    this.socket.destroy();
  }
}

const HANDSHAKE_COMMANDS: ReadonlySet<string> = new Set(['hello', 'isMaster', 'ismaster']);

/** The `client` metadata of a handshake (the first hello of a connection carries it). */
function handshakeMetadata(command: Document): Document | undefined {
  const name = Object.keys(command)[0] ?? '';
  const client: unknown = command.client;
  if (!HANDSHAKE_COMMANDS.has(name) || client === null || typeof client !== 'object')
    return undefined;
  return client as Document;
}
