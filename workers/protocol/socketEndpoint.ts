/**
 * A Comlink endpoint over anything WebSocket-shaped: the browser's WebSocket and the `ws`
 * package's socket both have `send` and `addEventListener('message')`. Messages are JSON with
 * typed arrays tagged (see wireCodec). Transfer lists are ignored: nothing can be transferred
 * over a socket, and Comlink proxies (MessagePorts) are not used across this boundary.
 */
import type { Endpoint } from 'comlink';
import { decodeWire, encodeWire } from './wireCodec';

export interface SocketLike {
  send(data: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

type Listener = EventListenerOrEventListenerObject;

export function socketEndpoint(socket: SocketLike): Endpoint {
  const wrapped = new Map<Listener, (event: { data: unknown }) => void>();
  return {
    postMessage(message: unknown) {
      socket.send(encodeWire(message));
    },
    addEventListener(_type: string, listener: Listener) {
      const onMessage = (event: { data: unknown }) => {
        const text = typeof event.data === 'string' ? event.data : String(event.data);
        const data = decodeWire(text);
        const messageEvent = { data } as MessageEvent;
        if (typeof listener === 'function') listener(messageEvent);
        else listener.handleEvent(messageEvent);
      };
      wrapped.set(listener, onMessage);
      socket.addEventListener('message', onMessage);
    },
    removeEventListener(_type: string, listener: Listener) {
      const onMessage = wrapped.get(listener);
      if (onMessage) socket.removeEventListener('message', onMessage);
      wrapped.delete(listener);
    },
  };
}
