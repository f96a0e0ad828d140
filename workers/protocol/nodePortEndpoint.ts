/**
 * A Comlink endpoint over Node-style message ports (worker_threads' parentPort and Worker,
 * Electron's MessagePortMain): they emit 'message' with the data itself, not an event object.
 */
import type { Endpoint } from 'comlink';

export interface NodeStylePort {
  postMessage(message: unknown, transfer?: readonly unknown[]): void;
  on(type: 'message', listener: (data: unknown) => void): unknown;
  off(type: 'message', listener: (data: unknown) => void): unknown;
  start?: () => void;
}

type Listener = EventListenerOrEventListenerObject;

export function nodePortEndpoint(port: NodeStylePort, unwrap: (raw: unknown) => unknown = (raw) => raw): Endpoint {
  const wrapped = new WeakMap<Listener, (data: unknown) => void>();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => port.postMessage(message, transfer as unknown[]),
    addEventListener(_type: string, listener: Listener) {
      const onMessage = (raw: unknown) => {
        const event = { data: unwrap(raw) } as MessageEvent;
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      wrapped.set(listener, onMessage);
      port.on('message', onMessage);
    },
    removeEventListener(_type: string, listener: Listener) {
      const onMessage = wrapped.get(listener);
      if (onMessage) port.off('message', onMessage);
      wrapped.delete(listener);
    },
    start: port.start?.bind(port),
  };
}
