/**
 * Line search satisfying the strong Wolfe conditions (Nocedal & Wright, Algorithms 3.5–3.6),
 * with cubic interpolation in the bracketing and zoom phases:
 *   f(x + t d) ≤ f(x) + c₁ t gᵀd   and   |g(x + t d)ᵀd| ≤ c₂ |gᵀd|,   c₁ = 1e-4, c₂ = 0.9.
 */

export type Objective = (x: Float64Array) => { loss: number; grad: Float64Array };

export interface LineSearchResult {
  loss: number;
  grad: Float64Array;
  t: number;
  evaluations: number;
  /** False when the search ended without meeting both conditions (evaluation cap or tiny bracket). */
  satisfied: boolean;
}

export const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

function cubicMinimizer(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, lo: number, hi: number): number {
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const square = d1 * d1 - g1 * g2;
  if (square >= 0) {
    const d2 = Math.sign(x2 - x1) * Math.sqrt(square);
    const t = x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2));
    if (Number.isFinite(t)) return Math.min(Math.max(t, lo), hi);
  }
  return (lo + hi) / 2;
}

function evaluateAt(objective: Objective, x: Float64Array, t: number, d: Float64Array) {
  const trial = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) trial[i] = x[i] + t * d[i];
  return objective(trial);
}

export function strongWolfe(
  objective: Objective,
  x: Float64Array,
  t0: number,
  d: Float64Array,
  loss: number,
  grad: Float64Array,
  gtd: number,
  maxEvaluations = 25,
  c1 = 1e-4,
  c2 = 0.9,
  toleranceChange = 1e-9,
): LineSearchResult {
  const dNorm = Math.max(...d.map(Math.abs));
  let t = t0;
  let { loss: fNew, grad: gNew } = evaluateAt(objective, x, t, d);
  let evaluations = 1;
  let gtdNew = dot(gNew, d);

  let tPrev = 0;
  let fPrev = loss;
  let gPrev = grad;
  let gtdPrev = gtd;
  let bracket: number[] = [];
  let bracketF: number[] = [];
  let bracketG: Float64Array[] = [];
  let bracketGtd: number[] = [];
  let done = false;

  // Bracketing phase.
  while (evaluations < maxEvaluations) {
    if (!Number.isFinite(fNew) || fNew > loss + c1 * t * gtd || (evaluations > 1 && fNew >= fPrev)) {
      bracket = [tPrev, t];
      bracketF = [fPrev, fNew];
      bracketG = [gPrev, gNew];
      bracketGtd = [gtdPrev, gtdNew];
      break;
    }
    if (Math.abs(gtdNew) <= -c2 * gtd) {
      return { loss: fNew, grad: gNew, t, evaluations, satisfied: true };
    }
    if (gtdNew >= 0) {
      bracket = [tPrev, t];
      bracketF = [fPrev, fNew];
      bracketG = [gPrev, gNew];
      bracketGtd = [gtdPrev, gtdNew];
      break;
    }
    const minStep = t + 0.01 * (t - tPrev);
    const maxStep = t * 10;
    const next = cubicMinimizer(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
    tPrev = t;
    fPrev = fNew;
    gPrev = gNew;
    gtdPrev = gtdNew;
    t = next;
    ({ loss: fNew, grad: gNew } = evaluateAt(objective, x, t, d));
    evaluations++;
    gtdNew = dot(gNew, d);
  }
  if (bracket.length === 0) {
    return { loss: fNew, grad: gNew, t, evaluations, satisfied: false };
  }

  // Zoom phase: shrink the bracket until the strong Wolfe conditions hold.
  let insufficientProgress = false;
  let [lowIdx, highIdx] = bracketF[0] <= bracketF[1] ? [0, 1] : [1, 0];
  while (!done && evaluations < maxEvaluations) {
    if (Math.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange) break;
    t = cubicMinimizer(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1], Math.min(...bracket), Math.max(...bracket));
    // Keep the trial away from the bracket's ends (as in minFunc / PyTorch).
    const lo = Math.min(...bracket);
    const hi = Math.max(...bracket);
    const eps = 0.1 * (hi - lo);
    if (Math.min(hi - t, t - lo) < eps) {
      if (insufficientProgress || t >= hi || t <= lo) {
        t = Math.abs(t - hi) < Math.abs(t - lo) ? hi - eps : lo + eps;
        insufficientProgress = false;
      } else {
        insufficientProgress = true;
      }
    } else {
      insufficientProgress = false;
    }
    ({ loss: fNew, grad: gNew } = evaluateAt(objective, x, t, d));
    evaluations++;
    gtdNew = dot(gNew, d);

    if (!Number.isFinite(fNew) || fNew > loss + c1 * t * gtd || fNew >= bracketF[lowIdx]) {
      bracket[highIdx] = t;
      bracketF[highIdx] = fNew;
      bracketG[highIdx] = gNew;
      bracketGtd[highIdx] = gtdNew;
      [lowIdx, highIdx] = bracketF[0] <= bracketF[1] ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) {
        done = true;
      } else if (gtdNew * (bracket[highIdx] - bracket[lowIdx]) >= 0) {
        bracket[highIdx] = bracket[lowIdx];
        bracketF[highIdx] = bracketF[lowIdx];
        bracketG[highIdx] = bracketG[lowIdx];
        bracketGtd[highIdx] = bracketGtd[lowIdx];
      }
      bracket[lowIdx] = t;
      bracketF[lowIdx] = fNew;
      bracketG[lowIdx] = gNew;
      bracketGtd[lowIdx] = gtdNew;
    }
  }
  return { loss: bracketF[lowIdx], grad: bracketG[lowIdx], t: bracket[lowIdx], evaluations, satisfied: done };
}
