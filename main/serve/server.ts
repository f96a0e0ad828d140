/**
 * The serve mode's HTTP + WebSocket server: the built renderer as static files, and the
 * workbench exposed with Comlink over a WebSocket per page. Binds to 127.0.0.1 unless told
 * otherwise; every request and every upgrade must carry the session token (see sessionToken),
 * and an upgrade must also come from a page of this server (Origin check).
 */
import { createReadStream } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WorkbenchService } from '../../workers/protocol/service';
import { socketEndpoint, type SocketLike } from '../../workers/protocol/socketEndpoint';
import { contentSecurityPolicy } from './contentSecurityPolicy';
import { exposeService } from './exposeService';
import { authenticate, createSessionToken, sessionCookie } from './sessionToken';
import { lookupStaticFile } from './staticFiles';

export interface ServerOptions {
  /** Interface to bind; 127.0.0.1 unless the user asked for another. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (out/renderer). */
  staticDir: string;
  workbench: WorkbenchService;
  /** A fixed session token (tests); a fresh random one otherwise. */
  token?: string;
}

export interface RunningServer {
  /** The page's address with the token, as printed for the user. */
  url: string;
  host: string;
  port: number;
  token: string;
  address(): AddressInfo;
  close(): Promise<void>;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];
const WILDCARD_HOSTS = ['0.0.0.0', '::', ''];

function hostForUrl(host: string): string {
  if (WILDCARD_HOSTS.includes(host)) return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** The origins a page of this server can have: loopback names, plus the host the user bound. */
function ownHosts(host: string, port: number): string[] {
  const hosts = LOOPBACK_NAMES.map((name) => `${name}:${port}`);
  if (!WILDCARD_HOSTS.includes(host) && !LOOPBACK_NAMES.includes(host)) hosts.push(`${hostForUrl(host)}:${port}`);
  return hosts;
}

function securityHeaders(hosts: string[]): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(hosts.map((h) => `ws://${h}`)),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function sendText(res: http.ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function rejectUpgrade(socket: Duplex, status: 401 | 403, text: string): void {
  const reason = http.STATUS_CODES[status];
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}

/**
 * The ws socket as the SocketLike that socketEndpoint wants. A message that cannot be decoded or
 * that Comlink chokes on closes that one connection instead of throwing out of ws's event loop.
 */
function guardedSocket(ws: WebSocket): SocketLike {
  type Listener = (event: { data: unknown }) => void;
  const wrapped = new Map<Listener, (event: WebSocket.MessageEvent) => void>();
  return {
    send: (data) => ws.send(data),
    addEventListener(_type, listener) {
      const guarded = (event: WebSocket.MessageEvent) => {
        try {
          listener({ data: event.data });
        } catch {
          ws.close(1007, 'malformed message');
        }
      };
      wrapped.set(listener, guarded);
      ws.addEventListener('message', guarded);
    },
    removeEventListener(_type, listener) {
      const guarded = wrapped.get(listener);
      if (guarded) ws.removeEventListener('message', guarded);
      wrapped.delete(listener);
    },
  };
}

const UNAUTHORIZED_TEXT = 'Unauthorized: open the address that `npm run serve` printed; it carries the session token.\n';

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { host = '127.0.0.1', staticDir, workbench } = options;
  const token = options.token ?? createSessionToken();
  if (token.length === 0) throw new Error('startServer: token must not be empty');

  const server = http.createServer();
  const sockets = new WebSocketServer({ noServer: true });
  let port = options.port;
  let hosts: string[] = [];
  let headers: Record<string, string> = {};

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    handleRequest(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal error\n', headers);
      else res.destroy();
    });
  });

  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    const url = new URL(target, 'http://serve.invalid');
    const credential = authenticate(req, url, token, port);
    if (!credential) return sendText(res, 401, UNAUTHORIZED_TEXT, headers);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'Method not allowed: only GET and HEAD\n', { ...headers, Allow: 'GET, HEAD' });
    }
    const responseHeaders = credential === 'query' ? { ...headers, 'Set-Cookie': sessionCookie(port, token) } : headers;

    const found = await lookupStaticFile(staticDir, target.split(/[?#]/, 1)[0]);
    if (found.kind === 'bad-path') return sendText(res, 403, 'Forbidden path\n', responseHeaders);
    if (found.kind === 'not-found') return sendText(res, 404, 'Not found\n', responseHeaders);

    res.writeHead(200, {
      ...responseHeaders,
      'Content-Type': found.mime,
      'Content-Length': String(found.size),
      'Cache-Control': found.mime.startsWith('text/html') ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await pipeline(createReadStream(found.file), res);
  }

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://serve.invalid');
    if (!authenticate(req, url, token, port)) return rejectUpgrade(socket, 401, UNAUTHORIZED_TEXT);
    const origin = req.headers.origin;
    if (!origin || !hosts.some((h) => origin === `http://${h}`)) {
      return rejectUpgrade(socket, 403, 'Forbidden: the WebSocket must come from a page of this server\n');
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => ws.terminate());
      exposeService(workbench, socketEndpoint(guardedSocket(ws)));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  hosts = ownHosts(host, port);
  headers = securityHeaders(hosts);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl(host)}:${port}/?token=${token}`,
    host,
    port,
    token,
    address: () => server.address() as AddressInfo,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const ws of sockets.clients) ws.terminate();
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
