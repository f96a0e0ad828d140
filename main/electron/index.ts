/**
 * The desktop shell's main process: one window showing the built renderer, locked down (no
 * navigation, no new windows, no permissions, no remote requests, a strict CSP), and the
 * workbench exposed to it with Comlink over a MessageChannelMain whose far port the preload
 * hands to the page. Compute runs in the workbench's worker threads, never in this process's
 * event loop.
 */
// @ts-ignore: electron's type declarations ship inside its optional package; without it the names are untyped.
import { app, BrowserWindow, dialog, Menu, MessageChannelMain, session } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createWorkbench, type Workbench } from '../runs/workbench';
import { contentSecurityPolicy } from '../serve/contentSecurityPolicy';
import { exposeService } from '../serve/exposeService';
import { denyPermissions, hardenContents, isAllowedRequest, type PagePolicy, type WebContentsLike } from './contentsPolicy';
import { messagePortMainEndpoint, type MessagePortMainLike } from './messagePortMainEndpoint';
import { CONTENT_SECURITY_POLICY, mainWindowOptions } from './windowOptions';

type Window = InstanceType<typeof BrowserWindow>;

const MAIN_DIR = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.resolve(MAIN_DIR, '../renderer');
const RENDERER_FILE = path.join(RENDERER_DIR, 'index.html');
/** Set by `electron-vite dev` only: the renderer then comes from its dev server. */
const DEV_RENDERER_URL = process.env.ELECTRON_RENDERER_URL;
const DEV_ORIGIN = DEV_RENDERER_URL ? new URL(DEV_RENDERER_URL).origin : undefined;
const PAGE_URL = DEV_RENDERER_URL ?? pathToFileURL(RENDERER_FILE).href;
const PAGE_POLICY: PagePolicy = { pageUrl: PAGE_URL, rendererDir: RENDERER_DIR, devOrigin: DEV_ORIGIN };

let mainWindow: Window | undefined;
let workbenchReady: Promise<Workbench> | undefined;
let disposal: Promise<void> | undefined;
let disposed = false;

function installSessionPolicy(): void {
  const { webRequest } = session.defaultSession;
  const csp = DEV_ORIGIN ? contentSecurityPolicy([DEV_ORIGIN.replace(/^http/, 'ws')]) : CONTENT_SECURITY_POLICY;
  webRequest.onBeforeRequest((details: { url: string }, callback: (response: { cancel: boolean }) => void) => {
    callback({ cancel: !isAllowedRequest(PAGE_POLICY, details.url) });
  });
  webRequest.onHeadersReceived(
    (
      details: { responseHeaders?: Record<string, string[]> },
      callback: (response: { responseHeaders: Record<string, string[]> }) => void,
    ) => {
      const headers = Object.fromEntries(
        Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
      );
      callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
    },
  );
  denyPermissions(session.defaultSession);
}

/**
 * Each page load gets a fresh channel: the workbench is exposed on port1 and port2 goes to the
 * page through the preload. A reload drops the old page's port, so the old port1 is closed.
 */
function connectWorkbench(window: Window, workbench: Promise<Workbench>): void {
  let port: (MessagePortMainLike & { close(): void }) | undefined;
  window.webContents.on('did-finish-load', async () => {
    // A workbench that failed to start has already been reported by start().
    const service = await workbench.catch(() => undefined);
    if (!service || window.isDestroyed()) return;
    port?.close();
    const { port1, port2 } = new MessageChannelMain();
    exposeService(service, messagePortMainEndpoint(port1));
    window.webContents.postMessage('workbench-port', null, [port2]);
    port = port1;
  });
  window.on('closed', () => port?.close());
}

async function openConfig(): Promise<void> {
  const window = mainWindow;
  if (!window) return;
  const choice: { canceled: boolean; filePaths: string[] } = await dialog.showOpenDialog(window, {
    title: 'Open run config',
    filters: [{ name: 'Run config', extensions: ['json'] }],
    properties: ['openFile'],
  });
  const file = choice.filePaths[0];
  if (choice.canceled || !file) return;
  try {
    const text = await readFile(file, 'utf8');
    JSON.parse(text);
    window.webContents.send('open-config', { fileName: path.basename(file), text });
  } catch (error) {
    dialog.showErrorBox('Cannot open config', `${file}: ${(error as Error).message}`);
  }
}

function applicationMenu() {
  const appMenu = process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : [];
  return Menu.buildFromTemplate([
    ...appMenu,
    {
      label: 'File',
      submenu: [
        { label: 'Open config…', accelerator: 'CmdOrCtrl+O', click: () => void openConfig() },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
  ]);
}

function createMainWindow(workbench: Promise<Workbench>): Window {
  const window: Window = new BrowserWindow(mainWindowOptions(MAIN_DIR));
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  connectWorkbench(window, workbench);
  const loading = DEV_RENDERER_URL ? window.loadURL(DEV_RENDERER_URL) : window.loadFile(RENDERER_FILE);
  loading.catch((error: Error) => {
    dialog.showErrorBox('Cannot load the workbench UI', `${PAGE_URL}: ${error.message}\nRun \`npm run build:electron\` first.`);
  });
  return window;
}

function disposeWorkbench(): Promise<void> {
  disposal ??= (async () => {
    try {
      await (await workbenchReady)?.dispose();
    } catch (error) {
      console.error('Disposing the workbench failed:', error);
    } finally {
      disposed = true;
    }
  })();
  return disposal;
}

function fatal(title: string, error: unknown): void {
  dialog.showErrorBox(title, error instanceof Error ? (error.stack ?? error.message) : String(error));
  app.exit(1);
}

async function start(): Promise<void> {
  installSessionPolicy();
  Menu.setApplicationMenu(applicationMenu());
  const runsRoot = path.join(app.getPath('documents'), 'PDE Workbench', 'runs');
  const workbench: Promise<Workbench> = createWorkbench({ runsRoot, shell: 'electron' });
  workbenchReady = workbench;
  workbench.catch((error) => fatal('The workbench could not start', error));
  mainWindow = createMainWindow(workbench);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event: unknown, contents: WebContentsLike) => hardenContents(PAGE_POLICY, contents));
  app.on('window-all-closed', () => {
    void disposeWorkbench().then(() => app.quit());
  });
  // app.quit() (menu, Cmd+Q) closes windows without 'window-all-closed': dispose here too.
  app.on('will-quit', (event: { preventDefault(): void }) => {
    if (disposed) return;
    event.preventDefault();
    void disposeWorkbench().then(() => app.quit());
  });
  app.whenReady().then(start).catch((error: unknown) => fatal('PDE Workbench could not start', error));
}
