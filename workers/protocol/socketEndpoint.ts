/**
 * A Comlink endpoint over anything WebSocket-shaped: the browser's WebSocket and the `ws`
 * package's socket both have `send` and `addEventListener('message')`. Messages are JSON with
 * typed arrays tagged (see wireCodec). Transfer lists are ignored: nothing can be transferred
 * over a socket, and Comlink proxies (MessagePorts) are not used across this boundary.
 */
import type { Endpoint } from 'comlink';
import { adaptEndpoint } from './adaptEndpoint';
import { decodeWire, encodeWire } from './wireCodec';

interface SocketMessage {
  data: unknown;
}

export interface SocketLike {
  send(data: string): void;
  addEventListener(type: 'message', listener: (event: SocketMessage) => void): void;
  removeEventListener(type: 'message', listener: (event: SocketMessage) => void): void;
}

export function socketEndpoint(socket: SocketLike): Endpoint {
  return adaptEndpoint<SocketMessage>({
    post: (message) => socket.send(encodeWire(message)),
    on: (listener) => socket.addEventListener('message', listener),
    off: (listener) => socket.removeEventListener('message', listener),
    data: (event) => decodeWire(typeof event.data === 'string' ? event.data : String(event.data)),
  });
}
