/**
 * Adaptive competitive gradient descent (Schäfer, Zheng & Anandkumar, "Implicit competitive
 * regularization in GANs", ICML 2020; the authors' cgds-package ACGD/GACGD): the competitive step
 * with RMSprop-like per-coordinate step sizes, for each player p with gradient gₚ of its own loss
 *
 *   vₚ ← β vₚ + (1 − β) gₚ²,   ηₚ = lr · √(1 − βᵗ) / (√vₚ + ε)
 *
 * (β = 0.99, ε = 1e-8 in the CPINN paper's runs).
 */
import type { AcgdSpec } from '../config/schema';
import { competitiveStep } from './competitiveStep';
import type { GameStep, ZeroSumGamePoint } from './zeroSumGame';

export interface AcgdState {
  step: number;
  /** Running mean of squared gradients, per player. */
  squaredMax: Float64Array;
  squaredMin: Float64Array;
  warm?: Float64Array;
}

export function acgdInit(sizeMax: number, sizeMin: number): AcgdState {
  return { step: 0, squaredMax: new Float64Array(sizeMax), squaredMin: new Float64Array(sizeMin) };
}

function adaptiveStepSizes(spec: AcgdSpec, squared: Float64Array, grad: Float64Array, step: number): { squared: Float64Array; eta: Float64Array } {
  const scale = spec.lr * Math.sqrt(1 - spec.beta ** step);
  const next = squared.map((v, i) => spec.beta * v + (1 - spec.beta) * grad[i] * grad[i]);
  return { squared: next, eta: next.map((v) => scale / (Math.sqrt(v) + spec.epsilon)) };
}

export function acgdUpdate(spec: AcgdSpec, state: AcgdState, point: ZeroSumGamePoint): { step: GameStep; state: AcgdState } {
  const t = state.step + 1;
  // The sign of a player's gradient does not matter for vₚ (−∇ₓL for the maximiser).
  const max = adaptiveStepSizes(spec, state.squaredMax, point.gradMax, t);
  const min = adaptiveStepSizes(spec, state.squaredMin, point.gradMin, t);
  const step = competitiveStep(point, max.eta, min.eta, { krylov: spec.krylov, tol: spec.tol, maxKrylov: spec.maxKrylov, warm: state.warm });
  return {
    step,
    state: { step: t, squaredMax: max.squared, squaredMin: min.squared, warm: spec.warmStart ? step.krylovSolution : undefined },
  };
}
