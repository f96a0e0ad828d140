/**
 * Competitive gradient descent (Schäfer & Anandkumar, NeurIPS 2019) with one step size η for
 * both players: the competitive step (competitiveStep.ts) with ηₓ = ηᵧ = η.
 */
import type { CgdSpec } from '../config/schema';
import { competitiveStep } from './competitiveStep';
import type { GameStep, ZeroSumGamePoint } from './zeroSumGame';

export interface CgdState {
  /** The last Krylov solution (warm start), if warm starts are on. */
  warm?: Float64Array;
}

export function cgdUpdate(spec: CgdSpec, state: CgdState, point: ZeroSumGamePoint): { step: GameStep; state: CgdState } {
  const etaMax = new Float64Array(point.gradMax.length).fill(spec.lr);
  const etaMin = new Float64Array(point.gradMin.length).fill(spec.lr);
  const step = competitiveStep(point, etaMax, etaMin, { krylov: spec.krylov, tol: spec.tol, maxKrylov: spec.maxKrylov, warm: state.warm });
  return { step, state: { warm: spec.warmStart ? step.krylovSolution : undefined } };
}
