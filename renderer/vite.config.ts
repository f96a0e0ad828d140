/**
 * Vite build of the renderer: a static page in out/renderer that the Electron shell loads from
 * disk and the serve mode hands to a browser. A plain config object, so electron-vite can import
 * it and reuse its fields. JSX goes through esbuild's automatic runtime (no React plugin).
 */
import { fileURLToPath } from 'node:url';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The dev server injects CSS as inline <style> elements (hot reload), which the page's policy
 * refuses; only while serving, the meta policy is widened for styles. Builds keep it strict.
 */
const devStylePolicy = {
  name: 'workbench-dev-style-policy',
  apply: 'serve' as const,
  transformIndexHtml(html: string): string {
    return html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
  },
};

const rendererConfig = {
  root: rendererRoot,
  base: './',
  publicDir: false as const,
  esbuild: { jsx: 'automatic' as const },
  plugins: [devStylePolicy],
  server: {
    host: '127.0.0.1',
    fs: {
      strict: true,
      // The renderer may reach outside its folder only for the service contract and the assets.
      allow: [rendererRoot, `${projectRoot}workers/protocol`, `${projectRoot}assets`, `${projectRoot}node_modules`],
    },
  },
  build: {
    outDir: `${projectRoot}out/renderer`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The polyfill would be an inline script, which the Content-Security-Policy forbids.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        manualChunks(id: string): string | undefined {
          if (id.includes('/node_modules/three/')) return 'three';
          if (/\/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          return undefined;
        },
      },
    },
  },
};

export default rendererConfig;
