/**
 * A 2D slice of the loss around parameters θ (Li et al., NeurIPS 2018):
 *
 *   L(α, β) = loss(θ + α·d₁ + β·d₂)
 *
 * on a regular grid of (α, β), with d₁, d₂ filter-normalised random directions or the PCA
 * directions of the trajectory. The loss is the method's own (SolverMethod.lossAt).
 */
import { sweep, type LossAt, type SweepControl } from './lossSweep';

export interface GridAxis {
  min: number;
  max: number;
  n: number;
}

export interface Landscape {
  alpha: number[];
  beta: number[];
  /** Row-major with α fastest: losses[j·nα + i] = L(alpha[i], beta[j]). NaN where the loss is not finite. */
  losses: Float64Array;
}

export function axisValues({ min, max, n }: GridAxis): number[] {
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`grid axis needs n ≥ 1 points, got ${n}`);
  if (!(Number.isFinite(min) && Number.isFinite(max) && min <= max)) throw new Error(`grid axis needs finite min ≤ max, got [${min}, ${max}]`);
  return Array.from({ length: n }, (_, i) => (n === 1 ? min : min + ((max - min) * i) / (n - 1)));
}

export async function lossLandscape(
  lossAt: LossAt,
  theta: ArrayLike<number>,
  directions: readonly [ArrayLike<number>, ArrayLike<number>],
  grid: { alpha: GridAxis; beta: GridAxis },
  control: SweepControl = {},
): Promise<Landscape> {
  const [d1, d2] = directions;
  const P = theta.length;
  if (d1.length !== P || d2.length !== P) throw new Error(`landscape: directions have ${d1.length} and ${d2.length} entries, parameters ${P}`);
  const alpha = axisValues(grid.alpha);
  const beta = axisValues(grid.beta);
  const point = new Float64Array(P);
  const losses = await sweep('landscape', alpha.length * beta.length, (k) => {
    const a = alpha[k % alpha.length];
    const b = beta[Math.floor(k / alpha.length)];
    for (let j = 0; j < P; j++) point[j] = theta[j] + a * d1[j] + b * d2[j];
    const loss = lossAt(point);
    return Number.isFinite(loss) ? loss : NaN;
  }, control);
  return { alpha, beta, losses };
}
