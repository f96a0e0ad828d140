/**
 * Median wall time of one PINN Adam step of our own PinnMethod, per tfjs backend available in
 * this process. tfjs holds one active backend at a time; each is switched to and checked.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs'; // registers the gradients and the cpu backend (see workers/engine/backend.ts)
import { createRequire } from 'node:module';
import path from 'node:path';
import { pinnConfig, type RunConfig } from '../../workers/config/schema';
import { Rng } from '../../workers/engine/rng';
import type { SolverMethod } from '../../workers/methods/method';
import { PinnMethod } from '../../workers/methods/pinn';
import { JetPinnMethod } from '../../workers/methods/jetPinn';
import { buildProblemModel } from '../../workers/problems/problemModel';
import { median } from './statistics';

export type TfjsBackend = 'wasm' | 'cpu' | 'tensorflow';

export interface StepTiming {
  medianMs: number;
  steps: number;
  firstLoss: number;
}

/** Loads and registers every backend this machine has; returns them with a note for each one missing. */
export async function loadBackends(): Promise<{ backends: TfjsBackend[]; notes: string[] }> {
  const backends: TfjsBackend[] = [];
  const notes: string[] = [];
  try {
    const native = '@tensorflow/tfjs-node'; // a variable: the package is optional, so not type-checked
    await import(/* @vite-ignore */ native);
    backends.push('tensorflow');
  } catch (error) {
    notes.push(`tensorflow: @tensorflow/tfjs-node does not load (${String((error as Error).message).split('\n')[0]})`);
  }
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const require = createRequire(import.meta.url);
  wasm.setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep, false);
  backends.push('wasm', 'cpu');
  return { backends, notes };
}

export async function useBackend(name: TfjsBackend): Promise<boolean> {
  const ok = await tf.setBackend(name);
  await tf.ready();
  return ok && tf.getBackend() === name;
}

/** Which PINN implementation a step is timed on: tfjs on its active backend, or the fused jet engine. */
export type StepEngine = 'tfjs' | 'jet-wasm-f32' | 'jet-wasm-f64';

/** Builds the step exactly as a run would (resolved config, the method), warms up, times `steps` steps. */
export function timeSteps(config: RunConfig, warmup: number, steps: number, engine: StepEngine = 'tfjs'): StepTiming {
  const model = buildProblemModel(config.problem);
  const rng = new Rng(config.seed);
  const method: SolverMethod =
    engine === 'tfjs' ? new PinnMethod(pinnConfig(config), model, rng) : new JetPinnMethod(pinnConfig(config), model, rng, engine === 'jet-wasm-f32' ? 'float32' : 'float64');
  try {
    const firstLoss = method.step().loss;
    for (let i = 1; i < warmup; i++) method.step();
    const times: number[] = [];
    for (let i = 0; i < steps; i++) {
      const start = performance.now();
      method.step();
      times.push(performance.now() - start);
    }
    return { medianMs: median(times), steps, firstLoss };
  } finally {
    method.dispose();
  }
}
