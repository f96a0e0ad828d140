/**
 * Builds a Comlink endpoint from any message source that is not a DOM EventTarget: a way to
 * post, a way to (un)subscribe, and how to get the data out of what the source emits.
 */
import type { Endpoint } from 'comlink';

type Listener = EventListenerOrEventListenerObject;

export interface MessageSource<Raw> {
  post(message: unknown, transfer?: Transferable[]): void;
  on(listener: (raw: Raw) => void): void;
  off(listener: (raw: Raw) => void): void;
  data(raw: Raw): unknown;
  start?: () => void;
}

export function adaptEndpoint<Raw>(source: MessageSource<Raw>): Endpoint {
  const wrapped = new Map<Listener, (raw: Raw) => void>();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => source.post(message, transfer),
    addEventListener(_type: string, listener: Listener) {
      const onMessage = (raw: Raw) => {
        const event = { data: source.data(raw) } as MessageEvent;
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      wrapped.set(listener, onMessage);
      source.on(onMessage);
    },
    removeEventListener(_type: string, listener: Listener) {
      const onMessage = wrapped.get(listener);
      if (onMessage) source.off(onMessage);
      wrapped.delete(listener);
    },
    start: source.start,
  };
}
