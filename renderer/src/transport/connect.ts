/**
 * Opens the one channel to compute. In the desktop shell the preload hands the page a
 * MessagePort ('workbench-port'); in serve mode the page opens a WebSocket to its own host,
 * carrying the session token from its address. Either way the result is a Comlink proxy of
 * WorkbenchService, and the page learns through `onLost` when the channel goes away.
 */
import * as Comlink from 'comlink';
import type { Remote } from 'comlink';
import type { WorkbenchService } from '../../../workers/protocol/service';
import { socketEndpoint } from '../../../workers/protocol/socketEndpoint';
import { withTimeout } from './deadline';

export type Shell = 'electron' | 'browser';

export interface ConnectOptions {
  /** Called once when an established connection drops, with a human reason. */
  onLost?: (reason: string) => void;
  /** How long the desktop shell may take to hand over its port (the engine loads first). */
  portTimeoutMs?: number;
}

declare global {
  interface Window {
    workbenchShell?: string;
  }
}

export function currentShell(): Shell {
  return window.workbenchShell === 'electron' ? 'electron' : 'browser';
}

/** `ws(s)://<host>/ws?token=…` for the page at `location`; without a token the session cookie must do. */
export function socketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = new URLSearchParams(location.search).get('token');
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}//${location.host}/ws${query}`;
}

// The port may be posted before React mounts: listen from the moment this module loads.
const electronPort: Promise<MessagePort> | undefined =
  typeof window !== 'undefined' && currentShell() === 'electron'
    ? new Promise((resolve) => {
        const onMessage = (event: MessageEvent) => {
          if (event.source !== window || event.data !== 'workbench-port' || !event.ports[0]) return;
          window.removeEventListener('message', onMessage);
          resolve(event.ports[0]);
        };
        window.addEventListener('message', onMessage);
      })
    : undefined;

async function connectElectron(options: ConnectOptions): Promise<Remote<WorkbenchService>> {
  const port = await withTimeout(
    electronPort!,
    options.portTimeoutMs ?? 120_000,
    'The desktop shell did not hand over the workbench channel: the compute engine may have failed to start.',
  );
  port.addEventListener('close', () => options.onLost?.('The compute process closed the channel.'));
  return Comlink.wrap<WorkbenchService>(port);
}

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch (error) {
      reject(new Error(`Cannot open ${url.replace(/token=[^&]*/, 'token=…')}: ${(error as Error).message}`));
      return;
    }
    const fail = (event: Event | CloseEvent) => {
      const code = 'code' in event ? ` (close code ${event.code})` : '';
      reject(
        new Error(
          `The compute server refused or did not answer the WebSocket${code}. ` +
            'Is `npm run serve` still running, and did you open the address it printed (with ?token=)?',
        ),
      );
    };
    socket.addEventListener('error', fail, { once: true });
    socket.addEventListener('close', fail, { once: true });
    socket.addEventListener(
      'open',
      () => {
        socket.removeEventListener('error', fail);
        socket.removeEventListener('close', fail);
        resolve(socket);
      },
      { once: true },
    );
  });
}

async function connectBrowser(options: ConnectOptions): Promise<Remote<WorkbenchService>> {
  const socket = await openSocket(socketUrl(window.location));
  socket.addEventListener('close', (event) => {
    const why = event.reason ? `: ${event.reason}` : '';
    options.onLost?.(`The WebSocket to the compute server closed (code ${event.code}${why}).`);
  });
  return Comlink.wrap<WorkbenchService>(socketEndpoint(socket));
}

export function connectWorkbench(options: ConnectOptions = {}): Promise<Remote<WorkbenchService>> {
  return currentShell() === 'electron' ? connectElectron(options) : connectBrowser(options);
}
