import { describe, expect, it } from 'vitest';
import type { AcgdSpec, CgdSpec } from '../../../workers/config/schema';
import { acgdInit, acgdUpdate } from '../../../workers/optimizers/acgd';
import { cgdUpdate } from '../../../workers/optimizers/cgd';
import { gdaStep } from '../../../workers/optimizers/gda';
import type { ZeroSumGamePoint } from '../../../workers/optimizers/zeroSumGame';
import { matVec, maxAbs, maxAbsDiff, randomMatrix, solveDense, transpose } from './denseAlgebra';

const m = 7; // maximiser x
const n = 5; // minimiser y

/**
 * L(x, y) = xᵀAy + cᵀx + dᵀy − ½α|x|² + ½β|y|²: bilinear for α = β = c = d = 0, a quadratic
 * game otherwise; D²ₓᵧL = A either way.
 */
interface Extra {
  alpha: number;
  beta: number;
  c: Float64Array;
  d: Float64Array;
}

function quadraticGame(A: Float64Array, x: Float64Array, y: Float64Array, extra: Extra = { alpha: 0, beta: 0, c: new Float64Array(m), d: new Float64Array(n) }): ZeroSumGamePoint {
  const At = transpose(A, m, n);
  const Ay = matVec(A, m, n, y);
  const Atx = matVec(At, n, m, x);
  return {
    value: 0,
    gradMax: Ay.map((v, i) => v + extra.c[i] - extra.alpha * x[i]),
    gradMin: Atx.map((v, j) => v + extra.d[j] + extra.beta * y[j]),
    mixedMaxMin: (v) => matVec(A, m, n, v),
    mixedMinMax: (v) => matVec(At, n, m, v),
  };
}

/** Schäfer & Anandkumar's closed-form CGD step for the bilinear game xᵀAy (x maximises). */
function bilinearCgdStep(A: Float64Array, x: Float64Array, y: Float64Array, eta: number): { dx: Float64Array; dy: Float64Array } {
  const At = transpose(A, m, n);
  const AAt = new Float64Array(m * m);
  const AtA = new Float64Array(n * n);
  for (let i = 0; i < m; i++) for (let k = 0; k < m; k++) for (let j = 0; j < n; j++) AAt[i * m + k] += A[i * n + j] * A[k * n + j];
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < m; j++) AtA[i * n + k] += A[j * n + i] * A[j * n + k];
  const plusIdentity = (M: Float64Array, size: number) => M.map((v, k) => eta * eta * v + (k % (size + 1) === 0 ? 1 : 0));
  // Δx = η (I + η² AAᵀ)⁻¹ (A y − η AAᵀ x),  Δy = −η (I + η² AᵀA)⁻¹ (Aᵀ x + η AᵀA y)
  const rx = matVec(A, m, n, y).map((v, i) => v - eta * matVec(AAt, m, m, x)[i]);
  const ry = matVec(At, n, m, x).map((v, j) => v + eta * matVec(AtA, n, n, y)[j]);
  return { dx: solveDense(plusIdentity(AAt, m), rx).map((v) => eta * v), dy: solveDense(plusIdentity(AtA, n), ry).map((v) => -eta * v) };
}

/** The block system of competitiveStep.ts solved directly, for per-coordinate step sizes. */
function directStep(point: ZeroSumGamePoint, A: Float64Array, etaX: Float64Array, etaY: Float64Array): { dx: Float64Array; dy: Float64Array } {
  const size = m + n;
  const M = new Float64Array(size * size);
  for (let i = 0; i < size; i++) M[i * size + i] = 1;
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    M[i * size + m + j] = -etaX[i] * A[i * n + j];
    M[(m + j) * size + i] = etaY[j] * A[i * n + j];
  }
  const rhs = Float64Array.from([...point.gradMax.map((g, i) => -etaX[i] * g), ...point.gradMin.map((g, j) => etaY[j] * g)]);
  const s = solveDense(M, rhs);
  return { dx: s.slice(0, m).map((v) => -v), dy: s.slice(m).map((v) => -v) };
}

const A = randomMatrix(m, n, 11).map((v) => v * 0.8);
const x = randomMatrix(m, 1, 12);
const y = randomMatrix(n, 1, 13);
const cgd = (krylov: 'cg' | 'gmres'): CgdSpec => ({ name: 'cgd', lr: 0.3, iterations: 1, krylov, tol: 1e-13, maxKrylov: 100, warmStart: true });

describe('competitive gradient descent', () => {
  it('takes the closed-form CGD step on a bilinear game, with CG and with GMRES', () => {
    const exact = bilinearCgdStep(A, x, y, 0.3);
    for (const krylov of ['cg', 'gmres'] as const) {
      const { step } = cgdUpdate(cgd(krylov), {}, quadraticGame(A, x, y));
      expect(maxAbsDiff(step.deltaMax, exact.dx)).toBeLessThan(1e-10 * maxAbs(exact.dx));
      expect(maxAbsDiff(step.deltaMin, exact.dy)).toBeLessThan(1e-10 * maxAbs(exact.dy));
      expect(step.krylovIterations).toBeGreaterThan(0);
    }
  });

  it('solves the competitive block system of a quadratic game with per-coordinate step sizes (ACGD)', () => {
    const extra = { alpha: 0.5, beta: 0.7, c: randomMatrix(m, 1, 14), d: randomMatrix(n, 1, 15) };
    const point = quadraticGame(A, x, y, extra);
    for (const krylov of ['cg', 'gmres'] as const) {
      const spec: AcgdSpec = { name: 'acgd', lr: 0.05, beta: 0.99, epsilon: 1e-8, iterations: 1, krylov, tol: 1e-13, maxKrylov: 100, warmStart: true };
      const { step, state } = acgdUpdate(spec, acgdInit(m, n), point);
      // First step: v = (1 − β) g², η = lr √(1 − β) / (√v + ε) ≈ lr / |g|.
      const eta = (g: number) => (0.05 * Math.sqrt(0.01)) / (Math.sqrt(0.01 * g * g) + 1e-8);
      const exact = directStep(point, A, point.gradMax.map(eta), point.gradMin.map(eta));
      expect(maxAbsDiff(step.deltaMax, exact.dx)).toBeLessThan(1e-10 * maxAbs(exact.dx));
      expect(maxAbsDiff(step.deltaMin, exact.dy)).toBeLessThan(1e-10 * maxAbs(exact.dy));
      expect(state.step).toBe(1);
      expect(state.squaredMin[0]).toBeCloseTo(0.01 * point.gradMin[0] ** 2, 14);
    }
  });

  it('reduces to gradient descent–ascent when the players do not interact', () => {
    const zero = new Float64Array(m * n);
    const point = quadraticGame(zero, x, y, { alpha: 0, beta: 0, c: randomMatrix(m, 1, 16), d: randomMatrix(n, 1, 17) });
    const { step } = cgdUpdate(cgd('cg'), {}, point);
    const gda = gdaStep({ name: 'gda', lr: 0.3, iterations: 1 }, point);
    expect(maxAbsDiff(step.deltaMax, gda.deltaMax)).toBeLessThan(1e-14);
    expect(maxAbsDiff(step.deltaMin, gda.deltaMin)).toBeLessThan(1e-14);
  });

  it('converges to the equilibrium of a bilinear game where gradient descent–ascent spirals out', () => {
    const run = (update: (px: Float64Array, py: Float64Array) => { dx: Float64Array; dy: Float64Array }) => {
      let [px, py] = [x.slice(0, n), Float64Array.from(y)];
      for (let k = 0; k < 200; k++) {
        const { dx, dy } = update(px, py);
        px = px.map((v, i) => v + dx[i]);
        py = py.map((v, j) => v + dy[j]);
      }
      return Math.hypot(...px, ...py);
    };
    const square = randomMatrix(n, n, 18).map((v, k) => 0.3 * v + (k % (n + 1) === 0 ? 2 : 0));
    const squareT = transpose(square, n, n);
    const game = (px: Float64Array, py: Float64Array): ZeroSumGamePoint => ({
      value: 0,
      gradMax: matVec(square, n, n, py),
      gradMin: matVec(squareT, n, n, px),
      mixedMaxMin: (v) => matVec(square, n, n, v),
      mixedMinMax: (v) => matVec(squareT, n, n, v),
    });
    const viaCgd = run((px, py) => {
      const { step } = cgdUpdate({ ...cgd('cg'), lr: 0.5 }, {}, game(px, py));
      return { dx: step.deltaMax, dy: step.deltaMin };
    });
    const viaGda = run((px, py) => {
      const step = gdaStep({ name: 'gda', lr: 0.5, iterations: 1 }, game(px, py));
      return { dx: step.deltaMax, dy: step.deltaMin };
    });
    const start = Math.hypot(...x.subarray(0, n), ...y);
    expect(viaCgd).toBeLessThan(1e-3 * start);
    expect(viaGda).toBeGreaterThan(start);
  });
});
