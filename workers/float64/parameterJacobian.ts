/**
 * Derivatives of the jet map θ ↦ jet(θ; x) with respect to the parameters, for Gauss–Newton /
 * natural-gradient steps (TENG: J δ = r) and for Krylov solvers that only need products.
 *
 * Rows of J (and entries of a flattened jet) run over the jet's channels in key order
 * ('' value, then first-derivative dims, then pairs, as jetForward returns them), then points,
 * then outputs: row = (channel · n + p) · outputs + q.
 *
 * parameterJacobian: one batched reverse pass per (channel, output), seeded with 1 at that entry of
 * every point (points do not interact, so each point's z̄ is its own row's adjoint), then the
 * per-layer outer products kept per point instead of summed. Cost:
 *   C·Q reverse passes of O(n·C·Σ w_l w_{l+1}) plus O(n·C²·Q·P) to fill J (C jet channels, i.e.
 *   every key of the jet, Q outputs, P parameters); memory n·C·Q·P doubles for J itself. With the
 *   value alone (C = 1, TENG) that is Q reverse passes and n·Q·P to write J.
 * jvp: one forward tangent pass (same cost as about two jetForward passes).
 * vjp: one jetBackward.
 */
import type { DerivativeRequest, InputMap, MlpShape } from '../engine/taylorMlp';
import { backpropagateChannels, jetBackward, jetForward, jetTangent, parameterCount64, writePointGradient, type Jet64, type JetAdjoint, type JetOptions } from './jetMlp64';

const VALUE_ONLY: DerivativeRequest = { first: [], second: [] };

export interface ParameterJacobian {
  /** rows × P, row-major. */
  values: Float64Array;
  rows: number;
  columns: number;
  /** Jet keys in row-block order. */
  keys: string[];
}

export function parameterJacobian(
  shape: MlpShape,
  map: InputMap,
  theta: Float64Array,
  x: Float64Array,
  request: DerivativeRequest = VALUE_ONLY,
  options: JetOptions = {},
): ParameterJacobian {
  const { cache } = jetForward(shape, map, theta, x, request, options);
  const { n, plan } = cache;
  const Q = shape.outputs;
  const P = parameterCount64(shape);
  const rows = plan.channels * n * Q;
  const values = new Float64Array(rows * P);
  for (const chunk of cache.chunks) {
    const block = chunk.n * Q;
    for (let c = 0; c < plan.channels; c++) {
      for (let q = 0; q < Q; q++) {
        const seed = new Float64Array(plan.channels * block);
        for (let p = 0; p < chunk.n; p++) seed[c * block + p * Q + q] = 1;
        const zBar = backpropagateChannels(chunk, seed);
        for (let p = 0; p < chunk.n; p++) writePointGradient(chunk, zBar, p, values, ((c * n + chunk.start + p) * Q + q) * P);
      }
    }
  }
  return { values, rows, columns: P, keys: plan.keys };
}

/** J·v: the change of every jet entry along the parameter direction v. */
export function jvp(shape: MlpShape, map: InputMap, theta: Float64Array, x: Float64Array, v: Float64Array, request: DerivativeRequest = VALUE_ONLY, options: JetOptions = {}): Jet64 {
  return jetTangent(jetForward(shape, map, theta, x, request, options).cache, v);
}

/** Jᵀ·w: the parameter gradient of Σ w · jet. */
export function vjp(shape: MlpShape, map: InputMap, theta: Float64Array, x: Float64Array, w: JetAdjoint, request: DerivativeRequest = VALUE_ONLY, options: JetOptions = {}): Float64Array {
  return jetBackward(jetForward(shape, map, theta, x, request, options).cache, w);
}

/** The jet's entries in J's row order. */
export function flattenJet(jet: ReadonlyMap<string, Float64Array>): Float64Array {
  const total = [...jet.values()].reduce((s, v) => s + v.length, 0);
  const flat = new Float64Array(total);
  let at = 0;
  for (const v of jet.values()) {
    flat.set(v, at);
    at += v.length;
  }
  return flat;
}

/** The inverse of flattenJet for a given key order and block size (n · outputs). */
export function unflattenJet(flat: Float64Array, keys: readonly string[], block: number): Jet64 {
  if (flat.length !== keys.length * block) throw new Error(`flat: length ${flat.length}, expected ${keys.length} × ${block}`);
  return new Map(keys.map((key, c) => [key, flat.slice(c * block, (c + 1) * block)]));
}
