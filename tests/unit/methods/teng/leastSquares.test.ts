import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../workers/engine/rng';
import { choleskyInPlace, choleskySolve, dampedLeastSquares } from '../../../../workers/methods/teng/leastSquares';

const randomMatrix = (rows: number, cols: number, rng: Rng) => Float64Array.from({ length: rows * cols }, () => rng.normal());
const multiply = (a: Float64Array, rows: number, cols: number, x: Float64Array) =>
  Float64Array.from({ length: rows }, (_, i) => x.reduce((s, v, j) => s + a[i * cols + j] * v, 0));

describe('TENG least-squares kernel', () => {
  it('Cholesky solves a symmetric positive definite system to rounding', () => {
    const rng = new Rng(3);
    const n = 12;
    const b = randomMatrix(n, n, rng);
    const g = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) g[i * n + j] += b[k * n + i] * b[k * n + j];
    for (let i = 0; i < n; i++) g[i * n + i] += 1;
    const x = randomMatrix(n, 1, rng);
    const rhs = multiply(g, n, n, x);
    const factor = Float64Array.from(g);
    expect(choleskyInPlace(factor, n)).toBe(true);
    choleskySolve(factor, n, rhs);
    rhs.forEach((v, i) => expect(Math.abs(v - x[i])).toBeLessThan(1e-12));
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(choleskyInPlace(Float64Array.from([1, 2, 2, 1]), 2)).toBe(false);
  });

  it('recovers δ from a consistent overdetermined system A δ = r to about 1e-10 (the damping)', () => {
    const rng = new Rng(5);
    const [rows, cols] = [60, 20];
    const a = randomMatrix(rows, cols, rng);
    const delta = randomMatrix(cols, 1, rng);
    const { delta: found, relativeDamping } = dampedLeastSquares(a, rows, cols, multiply(a, rows, cols, delta));
    expect(relativeDamping).toBe(1e-10);
    found.forEach((v, i) => expect(Math.abs(v - delta[i])).toBeLessThan(1e-8));
  });

  it('stays finite and reduces the residual on a rank-deficient A (duplicated columns)', () => {
    const rng = new Rng(7);
    const [rows, cols] = [30, 10];
    const a = randomMatrix(rows, cols, rng);
    for (let i = 0; i < rows; i++) a[i * cols + 9] = a[i * cols + 8];
    const r = randomMatrix(rows, 1, rng);
    const { delta } = dampedLeastSquares(a, rows, cols, r);
    expect(delta.every(Number.isFinite)).toBe(true);
    expect(Math.abs(delta[8] - delta[9])).toBeLessThan(1e-6);
    const after = multiply(a, rows, cols, delta).reduce((s, v, i) => s + (r[i] - v) ** 2, 0);
    expect(after).toBeLessThan(r.reduce((s, v) => s + v * v, 0));
  });

  it('names the mismatched sizes', () => {
    expect(() => dampedLeastSquares(new Float64Array(5), 2, 3, new Float64Array(2))).toThrow('dampedLeastSquares: A has 5 entries, expected 2 × 3');
  });
});
