/**
 * Comlink's Endpoint over Electron's MessagePortMain, which is a Node EventEmitter
 * (`port.on('message', e => e.data)`, `port.start()`) rather than a DOM EventTarget.
 * MessagePortMain can transfer only other MessagePortMain objects, and the service sends plain
 * data (typed arrays are structured-cloned), so Comlink's transfer lists are dropped.
 */
import type { Endpoint } from 'comlink';

/** The part of Electron's MessagePortMain this adapter uses. */
export interface MessagePortMainLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  start(): void;
}

type Listener = EventListenerOrEventListenerObject;

export function messagePortMainEndpoint(port: MessagePortMainLike): Endpoint {
  const wrapped = new Map<Listener, (event: { data: unknown }) => void>();
  return {
    postMessage(message: unknown) {
      port.postMessage(message);
    },
    addEventListener(_type: string, listener: Listener) {
      const onMessage = (event: { data: unknown }) => {
        const messageEvent = { data: event.data } as MessageEvent;
        if (typeof listener === 'function') listener(messageEvent);
        else listener.handleEvent(messageEvent);
      };
      wrapped.set(listener, onMessage);
      port.on('message', onMessage);
    },
    removeEventListener(_type: string, listener: Listener) {
      const onMessage = wrapped.get(listener);
      if (onMessage) port.off('message', onMessage);
      wrapped.delete(listener);
    },
    start: () => port.start(),
  };
}
