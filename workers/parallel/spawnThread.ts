/**
 * Starts a worker thread on one of workers/parallel's entry files. From sources (tsx: the CLI,
 * serve mode, tests) the thread registers tsx itself, since the main thread's loader hooks do not
 * reach worker threads on Node 20; in the Electron bundle the entry is a sibling .js file that
 * electron.vite.config.ts builds (out/main/<name>.js, beside the chunk or one folder up).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The entry files of workers/parallel that run as threads. */
export type ThreadEntry = 'lossShardThread' | 'cpinnShardThread';

export function spawnThread(entry: ThreadEntry, options: WorkerOptions): Worker {
  const here = new URL(import.meta.url);
  if (here.pathname.endsWith('.ts')) {
    const source = new URL(`./${entry}.ts`, here).href;
    const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`;
    return new Worker(bootstrap, { ...options, eval: true });
  }
  const bundled = [new URL(`./${entry}.js`, here), new URL(`../${entry}.js`, here)].find((url) => existsSync(fileURLToPath(url)));
  if (!bundled) throw new Error(`the compute thread's entry ${entry}.js is missing beside ${fileURLToPath(here)}`);
  return new Worker(bundled, options);
}
