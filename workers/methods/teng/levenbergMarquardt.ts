/**
 * The damping schedule of the Levenberg–Marquardt fit of TENG's initial condition (Nielsen 1999,
 * as in Madsen, Nielsen & Tingleff, "Methods for non-linear least squares problems", 2004):
 * with the gain ratio ϱ = (actual decrease of ‖r‖²) / (decrease predicted by the linear model),
 *   ϱ > 0:  accept the step, λ ← λ · max(1/3, 1 − (2ϱ − 1)³), ν ← 2,
 *   ϱ ≤ 0:  reject it,       λ ← λ · ν,                      ν ← 2ν.
 * A good step shrinks λ fast (toward Gauss–Newton), a poor one grows it gently, unlike the fixed
 * ÷3 / ×10 rule, which spent most iterations climbing back after one rejection.
 * λ here is relative (ρ in leastSquares.ts: λ = ρ · max diag AᵀA).
 */

export interface DampingState {
  relativeDamping: number;
  growth: number;
}

export const DAMPING_MIN = 1e-15;
export const DAMPING_MAX = 1;

export function initialDamping(relativeDamping = 1e-3): DampingState {
  return { relativeDamping, growth: 2 };
}

/** ‖r‖² − ‖r − A δ‖², the decrease of the sum of squares the linear model predicts (A rows × cols). */
export function predictedDecrease(a: Float64Array, rows: number, cols: number, r: Float64Array, delta: Float64Array): number {
  let decrease = 0;
  for (let i = 0; i < rows; i++) {
    let change = 0;
    const row = i * cols;
    for (let j = 0; j < cols; j++) change += a[row + j] * delta[j];
    decrease += change * (2 * r[i] - change);
  }
  return decrease;
}

/** Whether to accept the step, and the damping for the next one. */
export function nextDamping(state: DampingState, actualDecrease: number, predicted: number): { accept: boolean; state: DampingState } {
  const gain = predicted > 0 ? actualDecrease / predicted : -1;
  if (gain > 0) {
    const factor = Math.max(1 / 3, 1 - (2 * gain - 1) ** 3);
    return { accept: true, state: { relativeDamping: Math.max(DAMPING_MIN, state.relativeDamping * factor), growth: 2 } };
  }
  return { accept: false, state: { relativeDamping: Math.min(DAMPING_MAX, state.relativeDamping * state.growth), growth: 2 * state.growth } };
}
