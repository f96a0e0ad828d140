/**
 * Row-major float64 matrix kernels for the layer products of the jet passes. Rows are
 * (channel, point) pairs, so every channel of a layer goes through one product. Each JavaScript
 * kernel works on blocks of rows held in registers (about 3× the plain triple loop in V8); the
 * WebAssembly SIMD versions (wasmDenseKernels.ts) are used where they load.
 */
import type { DenseKernels } from './denseKernelTypes';
import { WASM_DENSE_KERNELS } from './wasmDenseKernels';

/** out[r, :] += Σ_i a[r, i] · w[i, :]   (a: rows × inner, w: inner × cols at wOffset). */
function multiplyAddJs(a: Float64Array, rows: number, inner: number, w: Float64Array, wOffset: number, cols: number, out: Float64Array): void {
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const a0 = r * inner;
    const a1 = a0 + inner;
    const a2 = a1 + inner;
    const a3 = a2 + inner;
    const o0 = r * cols;
    const o1 = o0 + cols;
    const o2 = o1 + cols;
    const o3 = o2 + cols;
    for (let i = 0; i < inner; i++) {
      const s0 = a[a0 + i];
      const s1 = a[a1 + i];
      const s2 = a[a2 + i];
      const s3 = a[a3 + i];
      const wi = wOffset + i * cols;
      for (let j = 0; j < cols; j++) {
        const wv = w[wi + j];
        out[o0 + j] += s0 * wv;
        out[o1 + j] += s1 * wv;
        out[o2 + j] += s2 * wv;
        out[o3 + j] += s3 * wv;
      }
    }
  }
  for (; r < rows; r++) {
    const ar = r * inner;
    const or = r * cols;
    for (let i = 0; i < inner; i++) {
      const s = a[ar + i];
      const wi = wOffset + i * cols;
      for (let j = 0; j < cols; j++) out[or + j] += s * w[wi + j];
    }
  }
}

/** out[r, i] = Σ_j g[r, j] · w[i, j]   (g · wᵀ, the adjoint of a layer's input). */
function multiplyTransposedJs(g: Float64Array, rows: number, cols: number, w: Float64Array, wOffset: number, inner: number, out: Float64Array): void {
  let r = 0;
  for (; r + 2 <= rows; r += 2) {
    const g0 = r * cols;
    const g1 = g0 + cols;
    const o0 = r * inner;
    const o1 = o0 + inner;
    let i = 0;
    for (; i + 2 <= inner; i += 2) {
      const w0 = wOffset + i * cols;
      const w1 = w0 + cols;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let j = 0; j < cols; j++) {
        const x0 = g[g0 + j];
        const x1 = g[g1 + j];
        const y0 = w[w0 + j];
        const y1 = w[w1 + j];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
      }
      out[o0 + i] = s00;
      out[o0 + i + 1] = s01;
      out[o1 + i] = s10;
      out[o1 + i + 1] = s11;
    }
    for (; i < inner; i++) {
      const wi = wOffset + i * cols;
      let s0 = 0;
      let s1 = 0;
      for (let j = 0; j < cols; j++) {
        s0 += g[g0 + j] * w[wi + j];
        s1 += g[g1 + j] * w[wi + j];
      }
      out[o0 + i] = s0;
      out[o1 + i] = s1;
    }
  }
  for (; r < rows; r++) {
    for (let i = 0; i < inner; i++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += g[r * cols + j] * w[wOffset + i * cols + j];
      out[r * inner + i] = s;
    }
  }
}

/** out[i, j] += Σ_r a[r, i] · g[r, j]   (aᵀ · g, a weight gradient), out at outOffset. */
function accumulateOuterJs(a: Float64Array, rows: number, inner: number, g: Float64Array, cols: number, out: Float64Array, outOffset: number): void {
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const a0 = r * inner;
    const a1 = a0 + inner;
    const a2 = a1 + inner;
    const a3 = a2 + inner;
    const g0 = r * cols;
    const g1 = g0 + cols;
    const g2 = g1 + cols;
    const g3 = g2 + cols;
    for (let i = 0; i < inner; i++) {
      const s0 = a[a0 + i];
      const s1 = a[a1 + i];
      const s2 = a[a2 + i];
      const s3 = a[a3 + i];
      const oi = outOffset + i * cols;
      for (let j = 0; j < cols; j++) out[oi + j] += s0 * g[g0 + j] + s1 * g[g1 + j] + s2 * g[g2 + j] + s3 * g[g3 + j];
    }
  }
  for (; r < rows; r++) {
    const ar = r * inner;
    const gr = r * cols;
    for (let i = 0; i < inner; i++) {
      const s = a[ar + i];
      const oi = outOffset + i * cols;
      for (let j = 0; j < cols; j++) out[oi + j] += s * g[gr + j];
    }
  }
}

export const JS_DENSE_KERNELS: DenseKernels = {
  multiplyAdd: multiplyAddJs,
  multiplyTransposed: multiplyTransposedJs,
  accumulateOuter: accumulateOuterJs,
};

let active: DenseKernels = WASM_DENSE_KERNELS ?? JS_DENSE_KERNELS;

export type KernelChoice = 'wasm' | 'js';

/** Picks the implementation (tests and timings compare the two); 'wasm' throws where it did not load. */
export function useDenseKernels(choice: KernelChoice): void {
  if (choice === 'wasm' && !WASM_DENSE_KERNELS) throw new Error("useDenseKernels: 'wasm' is unavailable here (no WebAssembly SIMD); use 'js'");
  active = choice === 'wasm' ? WASM_DENSE_KERNELS! : JS_DENSE_KERNELS;
}

export function activeDenseKernels(): KernelChoice {
  return active === JS_DENSE_KERNELS ? 'js' : 'wasm';
}

export const multiplyAdd: DenseKernels['multiplyAdd'] = (...args) => active.multiplyAdd(...args);
export const multiplyTransposed: DenseKernels['multiplyTransposed'] = (...args) => active.multiplyTransposed(...args);
export const accumulateOuter: DenseKernels['accumulateOuter'] = (...args) => active.accumulateOuter(...args);
