import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/**
 * Counts TCP client sockets this process opens, whoever opens them (the bundle carries its own
 * copy of the driver, so its MongoClient events are out of reach): Node publishes every new
 * client socket on the `net.client.socket` diagnostics channel.
 */
export function countSockets() {
  let created = 0;
  let open = 0;
  let peak = 0;
  subscribe('net.client.socket', (message) => {
    const { socket } = message as { socket: Socket };
    created += 1;
    open += 1;
    peak = Math.max(peak, open);
    socket.once('close', () => {
      open -= 1;
    });
  });
  return {
    get created() {
      return created;
    },
    get open() {
      return open;
    },
    /** The most sockets open at once since the last reset. */
    takePeak() {
      const value = peak;
      peak = open;
      return value;
    },
  };
}
