/**
 * The desktop shell's rules for what its web contents may do, as plain functions over minimal
 * interfaces so a test can drive them without Electron: stay on the renderer page (no navigation,
 * no redirects, no new windows, no webviews), fetch only the app's own files, and get no
 * permission (camera, notifications, ...) ever.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PreventableEvent {
  preventDefault(): void;
}

export interface WebContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: string, listener: (event: PreventableEvent, url: string) => void): void;
}

export interface SessionLike {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, grant: (ok: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

export interface PagePolicy {
  /** The renderer page's URL (file: in production, the dev server in development). */
  pageUrl: string;
  /** The folder of the built renderer; only files inside it may load. */
  rendererDir: string;
  /** Set in development only: the dev server's origin. */
  devOrigin?: string;
}

function withoutHashAndQuery(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  parsed.search = '';
  return parsed.href;
}

export function isRendererPage(policy: PagePolicy, url: string): boolean {
  try {
    if (policy.devOrigin) return new URL(url).origin === policy.devOrigin;
    return withoutHashAndQuery(url) === withoutHashAndQuery(policy.pageUrl);
  } catch {
    return false;
  }
}

/** Only the app's own files (or, in development, its dev server) may be fetched. */
export function isAllowedRequest(policy: PagePolicy, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (['devtools:', 'data:', 'blob:'].includes(parsed.protocol)) return true;
  if (parsed.protocol === 'file:') {
    const relative = path.relative(policy.rendererDir, fileURLToPath(parsed));
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  }
  if (policy.devOrigin) {
    const dev = new URL(policy.devOrigin);
    return parsed.host === dev.host && ['http:', 'ws:'].includes(parsed.protocol);
  }
  return false;
}

/** Applied to every web contents the app creates: it stays on the renderer page, alone. */
export function hardenContents(policy: PagePolicy, contents: WebContentsLike): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayOnPage = (event: PreventableEvent, url: string) => {
    if (!isRendererPage(policy, url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnPage);
  contents.on('will-redirect', stayOnPage);
  contents.on('will-frame-navigate', stayOnPage);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, grant) => grant(false));
  session.setPermissionCheckHandler(() => false);
}
