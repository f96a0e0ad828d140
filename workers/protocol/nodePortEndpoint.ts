/**
 * A Comlink endpoint over Node-style message ports (worker_threads' parentPort and Worker,
 * Electron's MessagePortMain): they emit 'message' with the data itself, not an event object.
 */
import type { Endpoint } from 'comlink';
import { adaptEndpoint } from './adaptEndpoint';

export interface NodeStylePort {
  postMessage(message: unknown, transfer?: readonly unknown[]): void;
  on(type: 'message', listener: (data: unknown) => void): unknown;
  off(type: 'message', listener: (data: unknown) => void): unknown;
  start?: () => void;
}

export function nodePortEndpoint(port: NodeStylePort, unwrap: (raw: unknown) => unknown = (raw) => raw): Endpoint {
  return adaptEndpoint<unknown>({
    post: (message, transfer) => port.postMessage(message, transfer as unknown[] | undefined),
    on: (listener) => port.on('message', listener),
    off: (listener) => port.off('message', listener),
    data: unwrap,
    start: port.start?.bind(port),
  });
}
