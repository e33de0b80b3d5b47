import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP forwarder whose existing connections can be made to go silent: bytes are no
 * longer passed either way, and neither side hears a FIN or RST. That is what a NAT gateway or
 * load balancer does to a flow it has forgotten while a Lambda container was frozen. New
 * connections are forwarded as before.
 */
export class SilentProxy {
  private readonly server: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private readonly sockets = new Set<Socket>();
  accepted = 0;

  private constructor(server: Server) {
    this.server = server;
  }

  static async start(target: { host: string; port: number }): Promise<SilentProxy> {
    let proxy: SilentProxy | undefined;
    const server = createServer((client) => {
      const upstream = connect(target.port, target.host);
      const pair: [Socket, Socket] = [client, upstream];
      proxy?.track(pair);
      for (const socket of pair) socket.on('error', () => {});
      client.pipe(upstream).pipe(client);
    });
    proxy = new SilentProxy(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  private track(pair: [Socket, Socket]): void {
    this.accepted += 1;
    this.pairs.add(pair);
    pair[0].once('close', () => this.pairs.delete(pair));
    for (const socket of pair) {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    }
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    return address.port;
  }

  /** Every connection open now stops carrying bytes, without being closed. */
  silence(): void {
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
    this.pairs.clear();
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }
}
