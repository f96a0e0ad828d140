/**
 * `electron-vite build` (npm run build:electron, npm start): the desktop app into out/.
 *   out/main/index.js      Electron main process (main/electron/index.ts)
 *   out/main/worker.js     the compute worker the workbench spawns (workers/worker.ts)
 *   out/main/lossShardThread.js, cpinnShardThread.js  a compute worker's helper threads (workers/parallel/)
 *   out/preload/preload.cjs the sandboxed preload; sandboxed preloads must be CommonJS
 *   out/renderer/          the React UI
 * Dependencies stay external (electron-vite's default) and load from node_modules at run time.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import rendererConfig from './renderer/vite.config';

const root = fileURLToPath(new URL('.', import.meta.url));
const fromRoot = (...parts: string[]) => resolve(root, ...parts);

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      rollupOptions: {
        input: {
          index: fromRoot('main/electron/index.ts'),
          worker: fromRoot('workers/worker.ts'),
          lossShardThread: fromRoot('workers/parallel/lossShardThread.ts'),
          cpinnShardThread: fromRoot('workers/parallel/cpinnShardThread.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('out/preload'),
      rollupOptions: {
        input: { preload: fromRoot('main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  // The renderer's own build settings (root, base, outDir, chunks); electron-vite only needs the
  // page named as its input, since it would otherwise look for src/renderer/index.html.
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      rollupOptions: { ...rendererConfig.build.rollupOptions, input: fromRoot('renderer/index.html') },
    },
  },
});
