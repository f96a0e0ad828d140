/**
 * The sandboxed preload: tells the page it runs in the desktop shell and hands it the one
 * Comlink port to the workbench. Nothing else crosses the context bridge; the page listens for
 * `window` message events whose data is 'workbench-port' (the port is `event.ports[0]`), and for
 * `{ type: 'open-config', fileName, text }` sent by the File menu.
 */
// @ts-ignore: electron's type declarations ship inside its optional package; without it the names are untyped.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('workbenchShell', 'electron');

ipcRenderer.on('workbench-port', (event: { ports: MessagePort[] }) => {
  window.postMessage('workbench-port', '*', event.ports);
});

ipcRenderer.on('open-config', (_event: unknown, config: { fileName: string; text: string }) => {
  window.postMessage({ type: 'open-config', fileName: config.fileName, text: config.text }, '*');
});
