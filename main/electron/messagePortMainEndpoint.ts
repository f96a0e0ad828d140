/**
 * Comlink's Endpoint over Electron's MessagePortMain, which is a Node EventEmitter
 * (`port.on('message', e => e.data)`, `port.start()`) rather than a DOM EventTarget.
 * MessagePortMain can transfer only other MessagePortMain objects, and the service sends plain
 * data (typed arrays are structured-cloned), so Comlink's transfer lists are dropped.
 */
import type { Endpoint } from 'comlink';
import { adaptEndpoint } from '../../workers/protocol/adaptEndpoint';

/** The part of Electron's MessagePortMain this adapter uses. */
export interface MessagePortMainLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  start(): void;
}

export function messagePortMainEndpoint(port: MessagePortMainLike): Endpoint {
  return adaptEndpoint<{ data: unknown }>({
    post: (message) => port.postMessage(message),
    on: (listener) => port.on('message', listener),
    off: (listener) => port.off('message', listener),
    data: (event) => event.data,
    start: () => port.start(),
  });
}
