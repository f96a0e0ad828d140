import { afterAll, describe, expect, it } from 'vitest';
import type { MlpShape } from '../../../workers/engine/taylorMlp';
import { activeDenseKernels, JS_DENSE_KERNELS, useDenseKernels } from '../../../workers/float64/denseKernels';
import { jetBackward, jetForward } from '../../../workers/float64/jetMlp64';
import { WASM_DENSE_KERNELS } from '../../../workers/float64/wasmDenseKernels';
import { maxRelativeError, randomPoints, randomTheta, randomVector } from './fixtures';

function naive(a: Float64Array, rows: number, inner: number, w: Float64Array, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) for (let i = 0; i < inner; i++) out[r * cols + j] += a[r * inner + i] * w[i * cols + j];
  return out;
}

describe('dense kernels', () => {
  it('load as WebAssembly SIMD in Node and are the default', () => {
    expect(WASM_DENSE_KERNELS).toBeDefined();
    expect(activeDenseKernels()).toBe('wasm');
  });

  describe.each([
    [1, 1, 1],
    [7, 3, 5],
    [9, 2, 1],
    [130, 6, 9],
    [66, 8, 4],
  ])('with rows %i, inner %i, cols %i, in both implementations', (rows, inner, cols) => {
    const a = randomVector(rows * inner, 1);
    const g = randomVector(rows * cols, 2);
    const w = randomVector(3 + inner * cols, 3);
    const start = randomVector(Math.max(rows * cols, rows * inner, 2 + inner * cols), 4);
    const plain = naive(a, rows, inner, w.subarray(3), cols);
    const wRows = Float64Array.from({ length: cols * inner }, (_, t) => w[3 + (t % inner) * cols + Math.floor(t / inner)]);
    const transposed = naive(g, rows, cols, wRows, inner);
    const aT = Float64Array.from({ length: inner * rows }, (_, t) => a[(t % rows) * inner + Math.floor(t / rows)]);
    const outer = naive(aT, inner, rows, g, cols);

    it.each([['js'], ['wasm']] as const)('%s: a·w accumulates, g·wᵀ overwrites, aᵀ·g accumulates at an offset', (choice) => {
      const kernels = choice === 'js' ? JS_DENSE_KERNELS : WASM_DENSE_KERNELS!;
      const out = Float64Array.from(start);
      kernels.multiplyAdd(a, rows, inner, w, 3, cols, out);
      expect(maxRelativeError(out.subarray(0, rows * cols), plain.map((v, t) => v + start[t]))).toBeLessThan(1e-14);
      const back = Float64Array.from(start);
      kernels.multiplyTransposed(g, rows, cols, w, 3, inner, back);
      expect(maxRelativeError(back.subarray(0, rows * inner), transposed)).toBeLessThan(1e-14);
      const grad = Float64Array.from(start);
      kernels.accumulateOuter(a, rows, inner, g, cols, grad, 2);
      expect(maxRelativeError(grad.subarray(2, 2 + inner * cols), outer.map((v, t) => v + start[2 + t]))).toBeLessThan(1e-14);
      expect(grad[0]).toBe(start[0]);
    });
  });

  afterAll(() => useDenseKernels('wasm'));

  it('give the same jet and gradient to rounding', () => {
    const shape: MlpShape = { inputs: 2, hidden: [9, 11], outputs: 2, activation: 'tanh' };
    const theta = randomTheta(shape, 3);
    const x = randomPoints(13, 2, 4);
    const map = { center: [0, 0], invHalfWidth: [1, 1] };
    const request = { first: [0], second: [[0, 0], [0, 1]] as [number, number][] };
    const adjoint = new Map(['', '0', '1', '0,0', '0,1'].map((k, i) => [k, randomVector(26, 20 + i)]));
    const run = () => {
      const { jet, cache } = jetForward(shape, map, theta, x, request);
      return [jet.get('0,1')!, jetBackward(cache, adjoint)];
    };
    useDenseKernels('js');
    const [jetJs, gradJs] = run();
    useDenseKernels('wasm');
    const [jetWasm, gradWasm] = run();
    expect(maxRelativeError(jetWasm, jetJs)).toBeLessThan(1e-13);
    expect(maxRelativeError(gradWasm, gradJs)).toBeLessThan(1e-13);
  });
});
