/** Small dense linear algebra for checking the Krylov solvers and CGD against direct solves. */
import { Rng } from '../../../workers/engine/rng';

/** n × m row-major matrix of standard normal entries. */
export function randomMatrix(n: number, m: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n * m }, () => rng.normal());
}

export function matVec(A: Float64Array, n: number, m: number, v: Float64Array): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let j = 0; j < m; j++) s += A[i * m + j] * v[j];
    return s;
  });
}

export function transpose(A: Float64Array, n: number, m: number): Float64Array {
  return Float64Array.from({ length: n * m }, (_, k) => A[(k % n) * m + Math.floor(k / n)]);
}

/** Solves A x = b (n × n) by Gaussian elimination with partial pivoting. */
export function solveDense(A: Float64Array, b: Float64Array): Float64Array {
  const n = b.length;
  const M = Float64Array.from(A);
  const x = Float64Array.from(b);
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(M[i * n + k]) > Math.abs(M[pivot * n + k])) pivot = i;
    for (let j = 0; j < n; j++) [M[k * n + j], M[pivot * n + j]] = [M[pivot * n + j], M[k * n + j]];
    [x[k], x[pivot]] = [x[pivot], x[k]];
    for (let i = k + 1; i < n; i++) {
      const f = M[i * n + k] / M[k * n + k];
      for (let j = k; j < n; j++) M[i * n + j] -= f * M[k * n + j];
      x[i] -= f * x[k];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let j = i + 1; j < n; j++) s -= M[i * n + j] * x[j];
    x[i] = s / M[i * n + i];
  }
  return x;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
