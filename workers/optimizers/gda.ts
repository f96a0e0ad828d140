/**
 * Simultaneous gradient descent–ascent, the baseline that ignores the other player's move:
 *   x ← x + η ∇ₓL,   y ← y − η ∇ᵧL.
 */
import type { GdaSpec } from '../config/schema';
import type { GameStep, ZeroSumGamePoint } from './zeroSumGame';

export function gdaStep(spec: GdaSpec, point: ZeroSumGamePoint): GameStep {
  return {
    deltaMax: point.gradMax.map((g) => spec.lr * g),
    deltaMin: point.gradMin.map((g) => -spec.lr * g),
    krylovIterations: 0,
    krylovResidual: 0,
  };
}
