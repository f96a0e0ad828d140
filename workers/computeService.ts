/**
 * What one compute worker offers the main process: run one config, with pause / resume /
 * cancel. The sink is a Comlink proxy back to the main process.
 */
import type { RunConfig } from './config/schema';
import { initBackend } from './engine/backend';
import { pinnBackendName } from './methods/pinnEngine';
import { Runner, type RunResult, type RunSink } from './run/runner';

export interface ComputeService {
  /** Initialises what the config computes on; returns its name (the tfjs backend, or the jet engine a PINN trains on). */
  prepare(backend: RunConfig['backend'], precision: RunConfig['precision'], method?: RunConfig['method']['name']): Promise<string>;
  run(config: RunConfig, sink: RunSink): Promise<RunResult>;
  pause(): void;
  resume(): void;
  cancel(): void;
}

export function createComputeService(): ComputeService {
  const runner = new Runner();
  return {
    async prepare(backend, precision, method = 'pinn') {
      const tfjs = await initBackend(backend); // also used for exports and snapshots
      return method === 'pinn' ? pinnBackendName(precision, tfjs) : tfjs;
    },
    run: (config, sink) => runner.run(config, sink),
    pause: () => runner.pause(),
    resume: () => runner.resume(),
    cancel: () => runner.cancel(),
  };
}
