/**
 * What one compute worker offers the main process: run one config, with pause / resume /
 * cancel. The sink is a Comlink proxy back to the main process.
 */
import type { RunConfig } from './config/schema';
import { initBackend } from './engine/backend';
import { Runner, type RunResult, type RunSink } from './run/runner';

export interface ComputeService {
  /** Initialises the backend the config asks for; returns the backend actually in use. */
  prepare(backend: RunConfig['backend']): Promise<string>;
  run(config: RunConfig, sink: RunSink): Promise<RunResult>;
  pause(): void;
  resume(): void;
  cancel(): void;
}

export function createComputeService(): ComputeService {
  const runner = new Runner();
  return {
    prepare: (backend) => initBackend(backend),
    run: (config, sink) => runner.run(config, sink),
    pause: () => runner.pause(),
    resume: () => runner.resume(),
    cancel: () => runner.cancel(),
  };
}
