/**
 * Adam (Kingma & Ba, 2015), applied in place to tfjs variables:
 *   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  θ ← θ − α·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε√(1−β₂ᵗ))
 * (the bias corrections folded into the step size; the same update as PyTorch's).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AdamSpec } from '../config/schema';

export interface AdamState {
  step: number;
  m: tf.Tensor[];
  v: tf.Tensor[];
}

export function adamInit(params: readonly tf.Variable[]): AdamState {
  return { step: 0, m: params.map((p) => tf.zerosLike(p)), v: params.map((p) => tf.zerosLike(p)) };
}

/** Updates the parameters in place; returns the new state and disposes the old moments. */
export function adamUpdate(spec: AdamSpec, state: AdamState, params: readonly tf.Variable[], grads: readonly tf.Tensor[]): AdamState {
  const step = state.step + 1;
  const bc1 = 1 - spec.beta1 ** step;
  const bc2 = 1 - spec.beta2 ** step;
  const stepSize = (spec.lr * Math.sqrt(bc2)) / bc1;
  const epsilon = spec.epsilon * Math.sqrt(bc2);
  const m: tf.Tensor[] = [];
  const v: tf.Tensor[] = [];
  params.forEach((param, i) => {
    const [mi, vi] = tf.tidy(() => {
      const g = grads[i];
      const mNext = tf.add(tf.mul(state.m[i], spec.beta1), tf.mul(g, 1 - spec.beta1));
      const vNext = tf.add(tf.mul(state.v[i], spec.beta2), tf.mul(tf.square(g), 1 - spec.beta2));
      param.assign(tf.sub(param, tf.mul(tf.div(mNext, tf.add(tf.sqrt(vNext), epsilon)), stepSize)));
      return [mNext, vNext];
    });
    m.push(mi);
    v.push(vi);
  });
  adamDispose(state);
  return { step, m, v };
}

export function adamDispose(state: AdamState): void {
  tf.dispose([...state.m, ...state.v]);
}

/** The moments as float32 arrays, for a checkpoint. */
export function adamToArrays(state: AdamState): { step: number; m: Float32Array[]; v: Float32Array[] } {
  return { step: state.step, m: state.m.map((t) => Float32Array.from(t.dataSync())), v: state.v.map((t) => Float32Array.from(t.dataSync())) };
}

export function adamFromArrays(saved: { step: number; m: Float32Array[]; v: Float32Array[] }, params: readonly tf.Variable[]): AdamState {
  return {
    step: saved.step,
    m: saved.m.map((values, i) => tf.tensor(values, params[i].shape, 'float32')),
    v: saved.v.map((values, i) => tf.tensor(values, params[i].shape, 'float32')),
  };
}
