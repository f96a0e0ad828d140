/**
 * The competitive step: both players move by the Nash equilibrium of the game's local bilinear
 * approximation with quadratic penalties (Schäfer & Anandkumar 2019, eq. 4). With per-coordinate
 * step sizes ηₓ, ηᵧ (scalars for CGD, RMSprop-scaled vectors for ACGD), B = D²ₓᵧL, and each
 * player minimising its own loss (f = −L for x, g = L for y; gₓ = −∇ₓL, gᵧ = ∇ᵧL), the step
 * s (x ← x − sₓ, y ← y − sᵧ) solves
 *
 *   [ I       −ηₓ B ] [sₓ]   [ηₓ gₓ]
 *   [ ηᵧ Bᵀ    I    ] [sᵧ] = [ηᵧ gᵧ]
 *
 * as in the authors' GACGD (cgds-package, gmres_acgd.py), solved by GMRES ('gmres'), or, by
 * eliminating sₓ = ηₓ(gₓ + B sᵧ) and writing sᵧ = ηᵧ^½ w, by conjugate gradients ('cg') on the
 * symmetric positive-definite Schur complement
 *
 *   (I + ηᵧ^½ Bᵀ ηₓ B ηᵧ^½) w = ηᵧ^½ (gᵧ − Bᵀ ηₓ gₓ).
 *
 * The block matrix has eigenvalues 1 ± iσ, the Schur complement 1 + σ², so CG needs about half
 * GMRES's iterations for the same two products (B·, Bᵀ·) per iteration, and no stored basis.
 */
import { conjugateGradient, gmres, type KrylovResult } from './krylov';
import type { GameStep, ZeroSumGamePoint } from './zeroSumGame';

export type KrylovMethod = 'cg' | 'gmres';

export interface CompetitiveSolve {
  krylov: KrylovMethod;
  tol: number;
  maxKrylov: number;
  /** The previous step's Krylov solution (its length tells which system it belongs to). */
  warm?: Float64Array;
}

export interface CompetitiveStep extends GameStep {
  /** This step's Krylov solution, to warm-start the next one. */
  krylovSolution: Float64Array;
}

export function competitiveStep(point: ZeroSumGamePoint, etaMax: Float64Array, etaMin: Float64Array, solve: CompetitiveSolve): CompetitiveStep {
  return solve.krylov === 'cg' ? schurStep(point, etaMax, etaMin, solve) : blockStep(point, etaMax, etaMin, solve);
}

function schurStep(point: ZeroSumGamePoint, etaMax: Float64Array, etaMin: Float64Array, solve: CompetitiveSolve): CompetitiveStep {
  const { gradMax, gradMin } = point;
  const rootMin = etaMin.map(Math.sqrt);
  // gₓ = −∇ₓL, so gᵧ − Bᵀ ηₓ gₓ = ∇ᵧL + Bᵀ ηₓ ∇ₓL.
  const coupling = point.mixedMinMax(gradMax.map((g, i) => etaMax[i] * g));
  const rhs = gradMin.map((g, i) => rootMin[i] * (g + coupling[i]));
  const apply = (w: Float64Array): Float64Array => {
    const bw = point.mixedMaxMin(w.map((v, i) => rootMin[i] * v));
    const back = point.mixedMinMax(bw.map((v, i) => etaMax[i] * v));
    return w.map((v, i) => v + rootMin[i] * back[i]);
  };
  const warm = solve.warm?.length === rhs.length ? solve.warm : undefined;
  const result = conjugateGradient(apply, rhs, { tol: solve.tol, maxIterations: solve.maxKrylov, initial: warm });
  const sMin = result.solution.map((w, i) => rootMin[i] * w);
  const bs = point.mixedMaxMin(sMin);
  // −sₓ = −ηₓ(gₓ + B sᵧ) = ηₓ(∇ₓL − B sᵧ)
  const deltaMax = gradMax.map((g, i) => etaMax[i] * (g - bs[i]));
  return finish(deltaMax, sMin.map((v) => -v), result);
}

function blockStep(point: ZeroSumGamePoint, etaMax: Float64Array, etaMin: Float64Array, solve: CompetitiveSolve): CompetitiveStep {
  const m = etaMax.length;
  const n = etaMin.length;
  const rhs = new Float64Array(m + n);
  for (let i = 0; i < m; i++) rhs[i] = -etaMax[i] * point.gradMax[i];
  for (let j = 0; j < n; j++) rhs[m + j] = etaMin[j] * point.gradMin[j];
  const apply = (s: Float64Array): Float64Array => {
    const sx = s.subarray(0, m);
    const sy = s.subarray(m);
    const bsy = point.mixedMaxMin(sy);
    const btsx = point.mixedMinMax(sx);
    const out = new Float64Array(m + n);
    for (let i = 0; i < m; i++) out[i] = sx[i] - etaMax[i] * bsy[i];
    for (let j = 0; j < n; j++) out[m + j] = sy[j] + etaMin[j] * btsx[j];
    return out;
  };
  const warm = solve.warm?.length === m + n ? solve.warm : undefined;
  const result = gmres(apply, rhs, { tol: solve.tol, maxIterations: solve.maxKrylov, initial: warm });
  const s = result.solution;
  return finish(
    s.slice(0, m).map((v) => -v),
    s.slice(m).map((v) => -v),
    result,
  );
}

function finish(deltaMax: Float64Array, deltaMin: Float64Array, result: KrylovResult): CompetitiveStep {
  return { deltaMax, deltaMin, krylovIterations: result.iterations, krylovResidual: result.relativeResidual, krylovSolution: result.solution };
}
