/** Shared float64 fixtures: small networks, points, and a plain scalar reference MLP. */
import { Rng } from '../../../workers/engine/rng';
import type { InputMap, MlpShape } from '../../../workers/engine/taylorMlp';
import { activation64 } from '../../../workers/float64/activations64';
import { layerSizes64, parameterCount64 } from '../../../workers/float64/jetMlp64';

export const ACTIVATION_LIST = ['tanh', 'sin', 'sigmoid', 'softplus'] as const;

/** Glorot-like weights and small nonzero biases, so bias paths are exercised too. */
export function randomTheta(shape: MlpShape, seed: number): Float64Array {
  const rng = new Rng(seed);
  const sizes = layerSizes64(shape);
  const theta = new Float64Array(parameterCount64(shape));
  let at = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const std = Math.sqrt(2 / (sizes[l] + sizes[l + 1]));
    for (let i = 0; i < sizes[l] * sizes[l + 1]; i++) theta[at++] = std * rng.normal();
    for (let j = 0; j < sizes[l + 1]; j++) theta[at++] = 0.1 * rng.normal();
  }
  return theta;
}

export function randomPoints(n: number, d: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n * d }, () => 2 * rng.uniform() - 1);
}

export function randomVector(length: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length }, () => rng.normal());
}

/** Independent scalar forward pass: the outputs at one point. */
export function mlpScalar(theta: Float64Array, shape: MlpShape, map: InputMap, x: readonly number[]): number[] {
  const sizes = layerSizes64(shape);
  const f = activation64(shape.activation);
  // Periodic axes enter as (cos ωx, sin ωx), as workers/engine/firstLayerInput.ts writes them.
  let a = x.flatMap((v, i) => {
    const period = shape.periods?.[i];
    if (period === null || period === undefined) return [(v - map.center[i]) * map.invHalfWidth[i]];
    const omega = (2 * Math.PI) / period;
    return [Math.cos(omega * v), Math.sin(omega * v)];
  });
  let at = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [m, k] = [sizes[l], sizes[l + 1]];
    const z = Array.from({ length: k }, (_, j) => {
      let s = theta[at + m * k + j];
      for (let i = 0; i < m; i++) s += a[i] * theta[at + i * k + j];
      return s;
    });
    at += m * k + k;
    a = l + 2 < sizes.length ? z.map((v) => f(v)[0]) : z;
  }
  return a;
}

export const relativeError = (actual: number, expected: number, floor = 1e-3): number =>
  Math.abs(actual - expected) / Math.max(Math.abs(expected), floor);

export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
  }
  return diff / Math.max(scale, 1e-300);
}
