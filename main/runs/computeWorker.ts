/**
 * Starts one compute worker thread and wraps its ComputeService. From sources (tsx, tests, the
 * CLI) the worker runs workers/worker.ts through the tsx loader; in the Electron bundle it is
 * out/main/worker.js beside the main script.
 */
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import type { ComputeService } from '../../workers/computeService';
import { nodePortEndpoint } from '../../workers/protocol/nodePortEndpoint';

export interface ComputeWorker {
  service: Comlink.Remote<ComputeService>;
  /** Resolves with a message when the thread dies (crash, kill, or terminate). */
  exited: Promise<string>;
  terminate(): Promise<void>;
}

function spawnWorker(): Worker {
  const here = new URL(import.meta.url);
  if (here.pathname.endsWith('.ts')) {
    // Loader hooks of the main thread do not reach worker threads on Node 20: register tsx inside.
    const entry = new URL('../../workers/worker.ts', here).href;
    const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
    return new Worker(bootstrap, { eval: true });
  }
  return new Worker(new URL('./worker.js', here));
}

export function startComputeWorker(): ComputeWorker {
  const worker = spawnWorker();
  const service = Comlink.wrap<ComputeService>(nodePortEndpoint(worker));
  const exited = new Promise<string>((resolve) => {
    let lastError: Error | undefined;
    worker.on('error', (error) => (lastError = error));
    worker.on('exit', (code) => {
      resolve(lastError ? `compute worker crashed: ${lastError.message}` : `compute worker exited (code ${code})`);
    });
  });
  return {
    service,
    exited,
    terminate: async () => {
      service[Comlink.releaseProxy]();
      await worker.terminate();
    },
  };
}
