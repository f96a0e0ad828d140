import { describe, expect, it } from 'vitest';
import { conjugateGradient, gmres } from '../../../workers/optimizers/krylov';
import { matVec, maxAbs, maxAbsDiff, randomMatrix, solveDense, transpose } from './denseAlgebra';

const n = 40;
/** I + MᵀM/n: symmetric positive definite, condition number of order 10. */
function spd(seed: number): Float64Array {
  const M = randomMatrix(n, n, seed);
  const Mt = transpose(M, n, n);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = i === j ? 1 : 0;
    for (let k = 0; k < n; k++) s += (Mt[i * n + k] * M[k * n + j]) / n;
    A[i * n + j] = s;
  }
  return A;
}

/** 2I + M/√n: nonsymmetric, eigenvalues in a disc around 2 of radius about 1. */
function nonsymmetric(seed: number): Float64Array {
  const M = randomMatrix(n, n, seed);
  return M.map((v, k) => v / Math.sqrt(n) + (k % (n + 1) === 0 ? 2 : 0));
}

describe('Krylov solvers', () => {
  const b = randomMatrix(n, 1, 7);

  it('conjugate gradients match a direct solve on an SPD system', () => {
    const A = spd(1);
    const result = conjugateGradient((v) => matVec(A, n, n, v), b, { tol: 1e-12, maxIterations: 200 });
    expect(result.converged).toBe(true);
    expect(maxAbsDiff(result.solution, solveDense(A, b))).toBeLessThan(1e-9 * maxAbs(solveDense(A, b)));
    expect(result.iterations).toBeLessThan(n);
  });

  it('GMRES matches a direct solve on a nonsymmetric system', () => {
    const A = nonsymmetric(2);
    const result = gmres((v) => matVec(A, n, n, v), b, { tol: 1e-12, maxIterations: 200 });
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeLessThanOrEqual(n);
    const exact = solveDense(A, b);
    expect(maxAbsDiff(result.solution, exact)).toBeLessThan(1e-9 * maxAbs(exact));
    const residual = matVec(A, n, n, result.solution).map((v, i) => v - b[i]);
    expect(Math.hypot(...residual) / Math.hypot(...b)).toBeCloseTo(result.relativeResidual, 9);
  });

  it('stop at the iteration cap and report not converged', () => {
    const A = spd(3);
    for (const solve of [conjugateGradient, gmres]) {
      const result = solve((v) => matVec(A, n, n, v), b, { tol: 1e-14, maxIterations: 3 });
      expect(result.iterations).toBe(3);
      expect(result.converged).toBe(false);
      expect(result.relativeResidual).toBeGreaterThan(1e-14);
    }
  });

  it('a warm start at the solution needs no iteration, one near it needs fewer', () => {
    const A = spd(4);
    const exact = solveDense(A, b);
    const apply = (v: Float64Array) => matVec(A, n, n, v);
    for (const solve of [conjugateGradient, gmres]) {
      expect(solve(apply, b, { tol: 1e-8, maxIterations: 100, initial: exact }).iterations).toBe(0);
      const cold = solve(apply, b, { tol: 1e-10, maxIterations: 100 });
      const near = exact.map((v, i) => v * (1 + 1e-4 * Math.sin(i)));
      const warm = solve(apply, b, { tol: 1e-10, maxIterations: 100, initial: near });
      expect(warm.iterations).toBeLessThan(cold.iterations);
      expect(maxAbsDiff(warm.solution, exact)).toBeLessThan(1e-7 * maxAbs(exact));
    }
  });
});
