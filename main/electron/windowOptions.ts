/**
 * The main window's options as plain data, so they can be checked without Electron: an isolated,
 * sandboxed renderer without Node, and the Content-Security-Policy the main process sets on every
 * response. Electron's security checklist: https://www.electronjs.org/docs/latest/tutorial/security
 */
import path from 'node:path';
import { contentSecurityPolicy } from '../serve/contentSecurityPolicy';

/** Where electron-vite puts the preload bundle, relative to the main bundle's folder (out/main). */
export const PRELOAD_RELATIVE_PATH = '../preload/preload.cjs';

/** The renderer talks to compute over a MessagePort, so `connect-src` needs nothing beyond 'self'. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  } as const;
}

/** BrowserWindow constructor options; `mainDir` is the folder of the running main bundle. */
export function mainWindowOptions(mainDir: string) {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'PDE Workbench',
    backgroundColor: '#111418',
    webPreferences: secureWebPreferences(path.resolve(mainDir, PRELOAD_RELATIVE_PATH)),
  };
}
