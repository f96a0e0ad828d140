/**
 * What one compute worker offers the main process: run one config, with pause / resume /
 * cancel. The sink is a Comlink proxy back to the main process.
 */
import type { RunConfig } from './config/schema';
import { initBackend } from './engine/backend';
import { activeDenseKernels } from './float64/denseKernels';
import type { RunCheckpoint } from './run/checkpoint';
import { Runner, type RunResult, type RunSink } from './run/runner';

export interface ComputeService {
  /** Initialises what the config computes on; returns its name (the tfjs backend, or the float64 engine's kernels). */
  prepare(backend: RunConfig['backend'], precision: RunConfig['precision']): Promise<string>;
  /** With `resumeFrom`, continues from that checkpoint. */
  run(config: RunConfig, sink: RunSink, resumeFrom?: RunCheckpoint): Promise<RunResult>;
  pause(): void;
  resume(): void;
  cancel(): void;
}

export function createComputeService(): ComputeService {
  const runner = new Runner();
  return {
    async prepare(backend, precision) {
      const tfjs = await initBackend(backend); // also used for exports and snapshots
      return precision === 'float64' ? `float64 engine (${activeDenseKernels() === 'wasm' ? 'WebAssembly SIMD' : 'JavaScript'} kernels)` : tfjs;
    },
    run: (config, sink, resumeFrom) => runner.run(config, sink, resumeFrom),
    pause: () => runner.pause(),
    resume: () => runner.resume(),
    cancel: () => runner.cancel(),
  };
}
