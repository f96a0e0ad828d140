import * as Comlink from 'comlink';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../../../main/serve/server';
import type { WorkbenchService } from '../../../workers/protocol/service';
import { socketEndpoint } from '../../../workers/protocol/socketEndpoint';
import { fakeWorkbench, INVALID_CONFIG_MESSAGE, type FakeWorkbench } from './fakeWorkbench';

const SECRET = 'secret-outside-the-static-folder';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** http.request sends the path exactly as written (fetch would normalise `..` away). */
function request(port: number, rawPath: string, options: { method?: string; cookie?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: rawPath, method: options.method ?? 'GET', headers: options.cookie ? { cookie: options.cookie } : {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the socket once open, or rejects with the HTTP status of a refused upgrade. */
function connect(url: string, origin?: string, cookie?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = cookie ? { cookie } : {};
    const ws = new WebSocket(url, { origin, headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('serve mode server', () => {
  let root: string;
  let staticDir: string;
  let server: RunningServer;
  let workbench: FakeWorkbench;
  let origin: string;
  let wsUrl: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'serve-test-'));
    staticDir = path.join(root, 'static');
    await mkdir(path.join(staticDir, 'assets'), { recursive: true });
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>workbench</title>');
    await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log("app");');
    await writeFile(path.join(staticDir, 'assets', 'style.css'), 'body{}');
    await writeFile(path.join(staticDir, 'assets', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(path.join(staticDir, 'assets', 'kernel.wasm'), new Uint8Array([0, 97, 115, 109]));
    await writeFile(path.join(root, 'secret.txt'), SECRET);
    await symlink(path.join(root, 'secret.txt'), path.join(staticDir, 'assets', 'link.txt'));
    workbench = fakeWorkbench();
    server = await startServer({ port: 0, staticDir, workbench });
    origin = `http://127.0.0.1:${server.port}`;
    wsUrl = `ws://127.0.0.1:${server.port}/ws?token=${server.token}`;
  });

  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('binds 127.0.0.1 by default and prints a URL carrying a 64-hex-digit token', () => {
    expect(server.address().address).toBe('127.0.0.1');
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
  });

  it('answers 401 with a short plain text body when the token is missing', async () => {
    for (const target of ['/', '/index.html', '/assets/app.js']) {
      const res = await request(server.port, target);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.body.length).toBeLessThan(200);
      expect(res.body).not.toContain('<title>');
    }
  });

  it('answers 401 when the token is wrong, whatever its length', async () => {
    const sameLength = server.token.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    for (const token of [sameLength, 'short', `${server.token}0`, '']) {
      expect((await request(server.port, `/?token=${token}`)).status).toBe(401);
      expect((await request(server.port, '/assets/app.js', { cookie: `workbench_token_${server.port}=${token}` })).status).toBe(401);
    }
  });

  it('serves index.html for the query token, sets a strict HttpOnly cookie, and the cookie then works for assets', async () => {
    const page = await request(server.port, `/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>workbench</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    const setCookie = page.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toContain(`workbench_token_${server.port}=${server.token}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = setCookie.split(';')[0];

    const expectedTypes: Record<string, string> = {
      '/assets/app.js': 'text/javascript; charset=utf-8',
      '/assets/style.css': 'text/css; charset=utf-8',
      '/assets/icon.svg': 'image/svg+xml',
      '/assets/kernel.wasm': 'application/wasm',
      '/index.html': 'text/html; charset=utf-8',
    };
    for (const [target, type] of Object.entries(expectedTypes)) {
      const res = await request(server.port, target, { cookie });
      expect(res.status, target).toBe(200);
      expect(res.headers['content-type'], target).toBe(type);
      expect(res.headers['set-cookie'], target).toBeUndefined();
    }
    expect((await request(server.port, '/assets/missing.js', { cookie })).status).toBe(404);
  });

  it('sends the no-remote-content security headers', async () => {
    const res = await request(server.port, `/?token=${server.token}`);
    const csp = String(res.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      `connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}`,
      "img-src 'self' data: blob:",
      "style-src 'self' 'unsafe-inline'",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers HEAD without a body and refuses other methods with 405', async () => {
    const head = await request(server.port, `/assets/app.js?token=${server.token}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String('console.log("app");'.length));
    expect(head.body).toBe('');
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await request(server.port, `/?token=${server.token}`, { method });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
    }
  });

  it('refuses paths that escape the static folder, encoded or not', async () => {
    const attempts = [
      '/../package.json',
      '/../secret.txt',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
      '/assets/link.txt',
      '/%00index.html',
      '/%E0%A4%A',
    ];
    for (const attempt of attempts) {
      const res = await request(server.port, `${attempt}?token=${server.token}`);
      expect([400, 403, 404], attempt).toContain(res.status);
      expect(res.body, attempt).not.toContain(SECRET);
      expect(res.body, attempt).not.toContain('root:');
    }
    expect((await request(server.port, `/../secret.txt?token=${server.token}`)).status).toBe(403);
  });

  it('refuses a WebSocket upgrade without the token (401) or from a foreign or missing Origin (403)', async () => {
    await expect(connect(`ws://127.0.0.1:${server.port}/ws`, origin)).rejects.toThrow('HTTP 401');
    await expect(connect(`ws://127.0.0.1:${server.port}/ws?token=nope`, origin)).rejects.toThrow('HTTP 401');
    await expect(connect(wsUrl, 'http://evil.example')).rejects.toThrow('HTTP 403');
    await expect(connect(wsUrl, `http://127.0.0.1:${server.port + 1}`)).rejects.toThrow('HTTP 403');
    await expect(connect(wsUrl)).rejects.toThrow('HTTP 403');
  });

  it('accepts an upgrade carrying the session cookie instead of the query token, from localhost too', async () => {
    const ws = await connect(`ws://127.0.0.1:${server.port}/ws`, `http://localhost:${server.port}`, `workbench_token_${server.port}=${server.token}`);
    ws.close();
  });

  it('round-trips Comlink calls: typed arrays survive and thrown errors reject with their message', async () => {
    const ws = await connect(wsUrl, origin);
    try {
      const remote = Comlink.wrap<WorkbenchService>(socketEndpoint(ws));
      expect((await remote.info()).backend).toBe('fake');
      const update = await remote.poll('run-1', 4, 0);
      expect(update.cursor).toBe(5);
      expect(update.snapshot?.prediction).toBeInstanceOf(Float32Array);
      expect(Array.from(update.snapshot!.prediction)).toEqual(
        Array.from(new Float32Array([0.5, -1.25, 3e-8, Math.fround(Math.PI)])),
      );
      await expect(remote.startRun({ bad: true })).rejects.toThrow(INVALID_CONFIG_MESSAGE);
      const exported = await remote.exportRun('run-1', 'metrics.csv');
      expect(exported.bytes).toBeInstanceOf(Uint8Array);
    } finally {
      ws.close();
    }
  });

  it('exposes only the service methods: dispose and property walks are refused', async () => {
    const ws = await connect(wsUrl, origin);
    try {
      const remote = Comlink.wrap<Record<string, unknown>>(socketEndpoint(ws)) as unknown as {
        dispose(): Promise<void>;
        info: { constructor(code: string): Promise<unknown> };
        polluted: Promise<unknown>;
      };
      await expect(remote.dispose()).rejects.toThrow('only calls of the workbench methods are allowed');
      await expect(remote.info.constructor('return 1')).rejects.toThrow('only calls');
      expect(workbench.disposed).toBe(0);
    } finally {
      ws.close();
    }
  });

  it('closes only the offending connection on a malformed message', async () => {
    const bad = await connect(wsUrl, origin);
    const closed = new Promise<number>((resolve) => bad.once('close', (code) => resolve(code)));
    bad.send('{not json');
    expect(await closed).toBe(1007);
    const good = await connect(wsUrl, origin);
    try {
      const remote = Comlink.wrap<WorkbenchService>(socketEndpoint(good));
      expect((await remote.runs()).length).toBe(1);
    } finally {
      good.close();
    }
  });
});

describe('serve mode server options', () => {
  it('uses a given token and closes cleanly twice', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'serve-test-'));
    const server = await startServer({ port: 0, staticDir: dir, workbench: fakeWorkbench(), token: 'a'.repeat(64) });
    expect(server.token).toBe('a'.repeat(64));
    expect((await request(server.port, `/?token=${'a'.repeat(64)}`)).status).toBe(404);
    await server.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });
});
