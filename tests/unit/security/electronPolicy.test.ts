import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { denyPermissions, hardenContents, isAllowedRequest, type PagePolicy, type PreventableEvent } from '../../../main/electron/contentsPolicy';

const rendererDir = path.resolve('/app/out/renderer');
const policy: PagePolicy = { pageUrl: pathToFileURL(path.join(rendererDir, 'index.html')).href, rendererDir };

/** A web contents that records what the policy registered, to fire its events. */
function fakeContents() {
  const listeners = new Map<string, (event: PreventableEvent, url: string) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  hardenContents(policy, {
    setWindowOpenHandler: (handler) => (openHandler = handler),
    on: (name, listener) => listeners.set(name, listener),
  });
  const fire = (name: string, url: string) => {
    let prevented = false;
    listeners.get(name)!({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { listeners, open: (url: string) => openHandler!({ url }), fire };
}

describe('Electron web contents policy', () => {
  it('refuses every new window', () => {
    const contents = fakeContents();
    expect(contents.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(contents.open(policy.pageUrl)).toEqual({ action: 'deny' });
  });

  it('refuses navigation and redirects away from the renderer page, but not a reload of it', () => {
    const contents = fakeContents();
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(contents.fire(event, 'https://evil.example/')).toBe(true);
      expect(contents.fire(event, pathToFileURL('/etc/passwd').href)).toBe(true);
      expect(contents.fire(event, 'javascript:alert(1)')).toBe(true);
      expect(contents.fire(event, `${policy.pageUrl}#runs`)).toBe(false);
    }
    expect(contents.fire('will-attach-webview', policy.pageUrl)).toBe(true);
  });

  it('denies every permission request and check', () => {
    let requestHandler: ((contents: unknown, permission: string, grant: (ok: boolean) => void) => void) | undefined;
    let checkHandler: ((contents: unknown, permission: string) => boolean) | undefined;
    denyPermissions({ setPermissionRequestHandler: (h) => (requestHandler = h), setPermissionCheckHandler: (h) => (checkHandler = h) });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
      const answers: boolean[] = [];
      requestHandler!(undefined, permission, (ok) => answers.push(ok));
      expect(answers).toEqual([false]);
      expect(checkHandler!(undefined, permission)).toBe(false);
    }
  });

  it('lets the page load only files of the built renderer (and data:/blob: it made), nothing remote', () => {
    expect(isAllowedRequest(policy, pathToFileURL(path.join(rendererDir, 'assets/index.js')).href)).toBe(true);
    expect(isAllowedRequest(policy, 'data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest(policy, pathToFileURL(path.join(rendererDir, '../main/index.js')).href)).toBe(false);
    expect(isAllowedRequest(policy, `file://${rendererDir}/%2e%2e/main/index.js`)).toBe(false);
    expect(isAllowedRequest(policy, 'file:///etc/passwd')).toBe(false);
    expect(isAllowedRequest(policy, 'https://cdn.example/lib.js')).toBe(false);
    expect(isAllowedRequest(policy, 'ws://127.0.0.1:5780/')).toBe(false);
    expect(isAllowedRequest(policy, 'not a url')).toBe(false);
  });

  it('is what the main process installs: on every web contents, on the session, with the secure window options', () => {
    const source = readFileSync(path.resolve(import.meta.dirname, '../../../main/electron/index.ts'), 'utf8');
    expect(source).toContain("app.on('web-contents-created', (_event: unknown, contents: WebContentsLike) => hardenContents(PAGE_POLICY, contents));");
    expect(source).toContain('denyPermissions(session.defaultSession);');
    expect(source).toContain("callback({ cancel: !isAllowedRequest(PAGE_POLICY, details.url) });");
    expect(source).toContain("callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });");
    expect(source).toContain('new BrowserWindow(mainWindowOptions(MAIN_DIR))');
  });
});
