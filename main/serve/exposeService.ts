/**
 * Exposes a WorkbenchService to the renderer over a Comlink endpoint, for both shells (WebSocket
 * in serve mode, MessagePortMain in Electron). Only the contract's methods can be called: the
 * object behind the endpoint is a frozen facade without a prototype, and any Comlink message
 * other than a call of one of those methods (property reads and writes, constructor calls,
 * nested paths such as `['info', 'constructor']`) is answered with an error instead of being
 * walked on the real object. `dispose` and other owner-only members stay out of reach.
 */
import * as Comlink from 'comlink';
import type { Endpoint } from 'comlink';
import type { WorkbenchService } from '../../workers/protocol/service';

export const SERVICE_METHODS = [
  'info',
  'examples',
  'validate',
  'startRun',
  'resumeRun',
  'pause',
  'resume',
  'cancel',
  'runs',
  'poll',
  'exportRun',
  'timeFrames',
  'trajectory',
  'trajectories',
  'startAnalysis',
  'analysisState',
  'cancelAnalysis',
] as const satisfies readonly (keyof WorkbenchService)[];

type ServiceMethod = (typeof SERVICE_METHODS)[number];
// Stops compiling when the contract gains a method that SERVICE_METHODS does not list.
const everyMethodListed: Record<Exclude<keyof WorkbenchService, ServiceMethod>, never> = {};
void everyMethodListed;

const DENIED = '#denied';

function isServiceCall(data: object): boolean {
  const { type, path } = data as { type?: unknown; path?: unknown };
  if (type === 'RELEASE') return path === undefined || (Array.isArray(path) && path.length === 0);
  return (
    type === 'APPLY' &&
    Array.isArray(path) &&
    path.length === 1 &&
    (SERVICE_METHODS as readonly unknown[]).includes(path[0])
  );
}

function serviceFacade(service: WorkbenchService): object {
  const facade: Record<string, (...args: unknown[]) => unknown> = Object.create(null);
  for (const method of SERVICE_METHODS) {
    const call = service[method] as (...args: unknown[]) => unknown;
    facade[method] = (...args: unknown[]) => call.apply(service, args);
  }
  facade[DENIED] = () => {
    throw new Error(`only calls of the workbench methods are allowed (${SERVICE_METHODS.join(', ')})`);
  };
  return Object.freeze(facade);
}

type Listener = EventListenerOrEventListenerObject;

/** Rewrites every message that is not a plain service call into a call of the facade's DENIED. */
function serviceCallsOnly(endpoint: Endpoint): Endpoint {
  const wrapped = new Map<Listener, (event: Event) => void>();
  return {
    postMessage: (message, transfer) => endpoint.postMessage(message, transfer),
    addEventListener(type: string, listener: Listener) {
      const filtered = (event: Event) => {
        const data = (event as MessageEvent).data as unknown;
        const forwarded =
          typeof data === 'object' && data !== null && !isServiceCall(data)
            ? ({ data: { id: (data as { id?: unknown }).id, type: 'APPLY', path: [DENIED], argumentList: [] } } as MessageEvent)
            : event;
        if (typeof listener === 'function') listener(forwarded);
        else listener.handleEvent(forwarded);
      };
      wrapped.set(listener, filtered);
      endpoint.addEventListener(type, filtered);
    },
    removeEventListener(type: string, listener: Listener) {
      const filtered = wrapped.get(listener);
      if (filtered) endpoint.removeEventListener(type, filtered);
      wrapped.delete(listener);
    },
    start: endpoint.start?.bind(endpoint),
  };
}

export function exposeService(service: WorkbenchService, endpoint: Endpoint): void {
  Comlink.expose(serviceFacade(service), serviceCallsOnly(endpoint));
}
