/**
 * Comlink's Endpoint over Electron's MessagePortMain, which is a Node EventEmitter
 * (`port.on('message', e => e.data)`, `port.start()`) rather than a DOM EventTarget.
 * MessagePortMain can transfer only other MessagePortMain objects, and the service sends plain
 * data (typed arrays are structured-cloned), so Comlink's transfer lists are dropped.
 */
import type { Endpoint } from 'comlink';
import { nodePortEndpoint, type NodeStylePort } from '../../workers/protocol/nodePortEndpoint';

/** The part of Electron's MessagePortMain this adapter uses. */
export interface MessagePortMainLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  start(): void;
}

export function messagePortMainEndpoint(port: MessagePortMainLike): Endpoint {
  const adapted: NodeStylePort = {
    postMessage: (message) => port.postMessage(message),
    on: (type, listener) => port.on(type, listener as (event: { data: unknown }) => void),
    off: (type, listener) => port.off(type, listener as (event: { data: unknown }) => void),
    start: () => port.start(),
  };
  return nodePortEndpoint(adapted, (event) => (event as { data: unknown }).data);
}
