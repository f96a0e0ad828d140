import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  mainWindowOptions,
  PRELOAD_RELATIVE_PATH,
  secureWebPreferences,
} from '../../../main/electron/windowOptions';

describe('main window options', () => {
  const mainDir = path.resolve('/app/out/main');
  const { webPreferences, show } = mainWindowOptions(mainDir);

  it('isolates and sandboxes the renderer, without Node', () => {
    expect(webPreferences.contextIsolation).toBe(true);
    expect(webPreferences.nodeIntegration).toBe(false);
    expect(webPreferences.nodeIntegrationInWorker).toBe(false);
    expect(webPreferences.nodeIntegrationInSubFrames).toBe(false);
    expect(webPreferences.sandbox).toBe(true);
  });

  it('keeps web security on: no insecure content, no webview tag, no spellcheck service', () => {
    expect(webPreferences.webSecurity).toBe(true);
    expect(webPreferences.allowRunningInsecureContent).toBe(false);
    expect(webPreferences.webviewTag).toBe(false);
    expect(webPreferences.navigateOnDragDrop).toBe(false);
    expect(webPreferences.spellcheck).toBe(false);
  });

  it('loads the CommonJS preload bundle that electron-vite writes beside out/main', () => {
    expect(webPreferences.preload).toBe(path.resolve('/app/out/preload/preload.cjs'));
    expect(path.resolve(mainDir, PRELOAD_RELATIVE_PATH)).toBe(webPreferences.preload);
    expect(secureWebPreferences('/x/p.cjs').preload).toBe('/x/p.cjs');
  });

  it('waits for ready-to-show before showing the window', () => {
    expect(show).toBe(false);
  });
});

describe('renderer Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );

  it('allows only the app itself: no remote scripts, styles, images or connections', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.has('script-src')).toBe(false);
  });

  it('forbids plugins, framing, base rewriting and form posts', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('never allows unsafe-eval or a wildcard', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/(^|\s)\*(\s|;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });
});
