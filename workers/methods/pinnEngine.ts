/**
 * Which engine a PINN trains on. float64 always runs on the jet engine (tfjs has no float64).
 * float32 runs on the fused WebAssembly jet engine where tfjs itself would run on WebAssembly
 * (no native TensorFlow: backend 'wasm', or 'auto' without tfjs-node), since one step there is a
 * few large SIMD kernels instead of hundreds of small tfjs ones; with native TensorFlow (or GPU)
 * or the plain 'cpu' backend it stays on tfjs.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PinnMethodSpec, RunConfig, RunConfigOf } from '../config/schema';
import type { Rng } from '../engine/rng';
import { jetKernelsAvailable } from '../engine/wasmJet/kernels';
import type { ProblemModel } from '../problems/problemModel';
import type { SolverMethod } from './method';
import { PinnMethod } from './pinn';
import { JetPinnMethod } from './jetPinn';
import { requirePlainInputs } from '../engine/firstLayerInput';
import { networkShape } from '../problems/collocation';

/** The manifest's `backend` for a PINN run, given the tfjs backend in use. */
export function pinnBackendName(precision: RunConfig['precision'], tfjsBackend: string): string {
  if (precision === 'float64') return jetKernelsAvailable() ? 'jet-wasm-f64' : 'jet-js-f64';
  return tfjsBackend === 'wasm' && jetKernelsAvailable() ? 'jet-wasm-f32' : tfjsBackend;
}

export function createPinn(config: RunConfigOf<PinnMethodSpec>, model: ProblemModel, rng: Rng): SolverMethod {
  const engine = pinnBackendName(config.precision, tf.getBackend());
  if (engine === 'jet-wasm-f32') return new JetPinnMethod(config, model, rng, 'float32');
  if (config.precision === 'float64') return new JetPinnMethod(config, model, rng, 'float64');
  requirePlainInputs(networkShape(config, model), `TensorFlow.js (backend '${engine}')`);
  return new PinnMethod(config, model, rng);
}
