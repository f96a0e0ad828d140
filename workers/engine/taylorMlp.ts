/**
 * A multilayer perceptron evaluated in forward Taylor mode: one pass carries the value, the
 * requested first derivatives and the requested second derivatives with respect to the inputs,
 * stacked as channels of one tensor so that each layer is a single matrix product:
 *
 *   z = W a + b (bias on the value channel only), z_i = W a_i, z_ij = W a_ij
 *   a = σ(z),  a_i = σ'(z) z_i,  a_ij = σ''(z) z_i z_j + σ'(z) z_ij
 *
 * Inputs are mapped affinely from the domain box to [-1, 1]^d first; the chain rule through that
 * map is folded into the first layer's derivative rows. Parameter gradients then come from one
 * ordinary reverse pass (nested tf.grad through tanh fails in tfjs, and is slow).
 */
import * as tf from '@tensorflow/tfjs-core';
import { activationByName } from './activations';
import { fastMatMul } from './fastMatMul';
import { inputWidth, requirePlainInputs } from './firstLayerInput';
import type { Rng } from './rng';

export interface MlpShape {
  inputs: number;
  hidden: readonly number[];
  outputs: number;
  activation: string;
  /** Per input axis, its period where the axis enters as periodic features (firstLayerInput.ts), else null. */
  periods?: readonly (number | null)[];
}

/** x̂ = (x − center) · invHalfWidth maps the domain box to [−1, 1]^d. */
export interface InputMap {
  center: readonly number[];
  invHalfWidth: readonly number[];
}

export interface DerivativeRequest {
  /** Input dimensions whose first derivatives are wanted. */
  first: readonly number[];
  /** Pairs (i ≤ j) whose second derivatives are wanted. */
  second: readonly (readonly [number, number])[];
}

/** Value and derivatives, keyed by the sorted dims joined with ',': '' value, '0' ∂/∂x₀, '0,1' ∂²/∂x₀∂x₁. */
export type Jet = Map<string, tf.Tensor2D>;

export const jetKey = (dims: readonly number[]): string => dims.join(',');

export function layerSizes(shape: MlpShape): number[] {
  return [inputWidth(shape), ...shape.hidden, shape.outputs];
}

export function parameterCount(shape: MlpShape): number {
  const sizes = layerSizes(shape);
  let count = 0;
  for (let l = 0; l + 1 < sizes.length; l++) count += sizes[l] * sizes[l + 1] + sizes[l + 1];
  return count;
}

/** Glorot-normal weights and zero biases, as flat float64 arrays in [W0, b0, W1, b1, ...] order. */
export function initialParameters(shape: MlpShape, rng: Rng): Float64Array[] {
  const sizes = layerSizes(shape);
  const params: Float64Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const std = Math.sqrt(2 / (fanIn + fanOut));
    const w = new Float64Array(fanIn * fanOut);
    for (let i = 0; i < w.length; i++) w[i] = std * rng.normal();
    params.push(w, new Float64Array(fanOut));
  }
  return params;
}

export function parameterShapes(shape: MlpShape): [number, number][] {
  const sizes = layerSizes(shape);
  const shapes: [number, number][] = [];
  for (let l = 0; l + 1 < sizes.length; l++) shapes.push([sizes[l], sizes[l + 1]], [1, sizes[l + 1]]);
  return shapes;
}

/** Plain forward pass (values only). */
export function mlpValue(params: readonly tf.Tensor[], shape: MlpShape, map: InputMap, x: tf.Tensor2D): tf.Tensor2D {
  requirePlainInputs(shape, 'TensorFlow.js');
  return tf.tidy(() => {
    const activation = activationByName(shape.activation);
    let a: tf.Tensor2D = tf.mul(tf.sub(x, map.center as number[]), map.invHalfWidth as number[]);
    const layers = params.length / 2;
    for (let l = 0; l < layers; l++) {
      const z = tf.add(fastMatMul(a, params[2 * l] as tf.Tensor2D), params[2 * l + 1]) as tf.Tensor2D;
      a = l + 1 < layers ? (activation.apply(z) as tf.Tensor2D) : z;
    }
    return a;
  });
}

/** Value and requested input derivatives of every output, in one Taylor-mode pass. */
export function taylorForward(
  params: readonly tf.Tensor[],
  shape: MlpShape,
  map: InputMap,
  x: tf.Tensor2D,
  request: DerivativeRequest,
): Jet {
  const pairs = request.second.map(([i, j]) => (i <= j ? [i, j] : [j, i]) as [number, number]);
  const firstDims = [...new Set([...request.first, ...pairs.flat()])].sort((a, b) => a - b);
  if (firstDims.length === 0) return new Map([['', mlpValue(params, shape, map, x)]]);
  requirePlainInputs(shape, 'TensorFlow.js');

  const slot = new Map(firstDims.map((d, k) => [d, k]));
  const k = firstDims.length;
  const m = pairs.length;
  const channels = 1 + k + m;
  // The Laplacian case (u_xx, u_yy, ... and nothing mixed): the products z_i z_i are one square.
  const diagonalOnly = m === k && pairs.every(([i, j], c) => i === j && i === firstDims[c]);
  const activation = activationByName(shape.activation);
  const layers = params.length / 2;
  const n = x.shape[0];

  const outputs = tf.tidy(() => {
    const xHat = tf.mul(tf.sub(x, map.center as number[]), map.invHalfWidth as number[]);
    const w0 = params[0] as tf.Tensor2D;
    // Layer 1: derivative channels of z are rows of W scaled by the input map, the same at every point.
    let zValue: tf.Tensor = tf.add(fastMatMul(xHat as tf.Tensor2D, w0), params[1]);
    let zFirst: tf.Tensor = tf.reshape(
      tf.concat(firstDims.map((d) => tf.mul(tf.slice(w0, [d, 0], [1, -1]), map.invHalfWidth[d]))),
      [k, 1, -1],
    );
    let zSecond: tf.Tensor | undefined;

    for (let l = 1; l < layers; l++) {
      // σ'(z) has n rows, so every channel is broadcast to n points here.
      const jet = activation.jet(zValue, m > 0);
      const aFirst = tf.mul(jet.d1, zFirst);
      const parts: tf.Tensor[] = [tf.expandDims(jet.value, 0), aFirst];
      if (m > 0) {
        const products = diagonalOnly
          ? tf.square(zFirst)
          : tf.concat(
              pairs.map(([i, j]) => {
                const zi = tf.slice(zFirst, [slot.get(i)!, 0, 0], [1, -1, -1]);
                const zj = tf.slice(zFirst, [slot.get(j)!, 0, 0], [1, -1, -1]);
                return tf.mul(zi, zj);
              }),
            );
        let aSecond = tf.mul(jet.d2!, products);
        if (zSecond) aSecond = tf.add(aSecond, tf.mul(jet.d1, zSecond));
        parts.push(aSecond);
      }
      const width = zValue.shape[zValue.shape.length - 1];
      const stacked = tf.reshape(tf.concat(parts, 0), [channels * n, width]);
      const w = params[2 * l] as tf.Tensor2D;
      const z = tf.reshape(fastMatMul(stacked as tf.Tensor2D, w), [channels, n, -1]);
      zValue = tf.add(tf.squeeze(tf.slice(z, [0, 0, 0], [1, -1, -1]), [0]), params[2 * l + 1]);
      zFirst = tf.slice(z, [1, 0, 0], [k, -1, -1]);
      zSecond = m > 0 ? tf.slice(z, [1 + k, 0, 0], [m, -1, -1]) : undefined;
      if (l === layers - 1) {
        const result: tf.Tensor2D[] = [zValue as tf.Tensor2D];
        for (let c = 0; c < k; c++) result.push(tf.squeeze(tf.slice(zFirst, [c, 0, 0], [1, -1, -1]), [0]));
        for (let c = 0; c < m; c++) result.push(tf.squeeze(tf.slice(zSecond!, [c, 0, 0], [1, -1, -1]), [0]));
        return result;
      }
    }
    throw new Error('internal: network has no layers');
  });

  const jet: Jet = new Map();
  jet.set('', outputs[0]);
  firstDims.forEach((d, c) => jet.set(jetKey([d]), outputs[1 + c]));
  pairs.forEach((pair, c) => jet.set(jetKey(pair), outputs[1 + k + c]));
  return jet;
}
