/**
 * L-BFGS (Liu & Nocedal, 1989) with a strong Wolfe line search, on float64 parameter vectors.
 * The search direction is d = −H g from the two-loop recursion over the last m pairs
 * sₖ = xₖ₊₁ − xₖ, yₖ = gₖ₊₁ − gₖ, with H₀ = (sᵀy / yᵀy) I. It never stops silently: every stop
 * returns a reason a person can read (converged, no descent direction, line search failed, ...).
 */
import type { LbfgsSpec } from '../config/schema';
import { dot, strongWolfe, type Objective } from './strongWolfe';

export interface LbfgsState {
  x: Float64Array;
  loss: number;
  grad: Float64Array;
  s: Float64Array[];
  y: Float64Array[];
  iteration: number;
  evaluations: number;
  /** Times the memory was dropped after a failed line search. */
  restarts: number;
}

export interface LbfgsStepResult {
  state: LbfgsState;
  /** Present when the optimizer has stopped: why, in words. */
  stopped?: string;
}

const maxAbs = (v: Float64Array): number => {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
};

export function lbfgsInit(objective: Objective, x0: Float64Array): LbfgsState {
  const { loss, grad } = objective(x0);
  return { x: Float64Array.from(x0), loss, grad, s: [], y: [], iteration: 0, evaluations: 1, restarts: 0 };
}

function direction(state: LbfgsState): Float64Array {
  const q = state.grad.map((g) => -g);
  const k = state.s.length;
  const alpha = new Float64Array(k);
  const rho = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    rho[i] = 1 / dot(state.y[i], state.s[i]);
    alpha[i] = rho[i] * dot(state.s[i], q);
    for (let j = 0; j < q.length; j++) q[j] -= alpha[i] * state.y[i][j];
  }
  if (k > 0) {
    const gamma = dot(state.s[k - 1], state.y[k - 1]) / dot(state.y[k - 1], state.y[k - 1]);
    for (let j = 0; j < q.length; j++) q[j] *= gamma;
  }
  for (let i = 0; i < k; i++) {
    const beta = rho[i] * dot(state.y[i], q);
    for (let j = 0; j < q.length; j++) q[j] += state.s[i][j] * (alpha[i] - beta);
  }
  return q;
}

/** One L-BFGS iteration: a direction, a line search along it, and the curvature pair update. */
export function lbfgsStep(spec: LbfgsSpec, objective: Objective, state: LbfgsState): LbfgsStepResult {
  if (!Number.isFinite(state.loss)) return { state, stopped: `L-BFGS cannot start: the loss is ${state.loss}` };
  const gradNorm = maxAbs(state.grad);
  if (gradNorm <= spec.gradientTolerance) {
    return { state, stopped: `L-BFGS converged at iteration ${state.iteration}: max |gradient| ${gradNorm.toExponential(2)} ≤ ${spec.gradientTolerance}` };
  }
  let d = direction(state);
  let gtd = dot(state.grad, d);
  if (!(gtd < 0)) {
    // The quasi-Newton model lost positive definiteness (float32 noise): restart from steepest descent.
    state = { ...state, s: [], y: [] };
    d = state.grad.map((g) => -g);
    gtd = dot(state.grad, d);
  }
  if (gtd > -spec.changeTolerance) {
    return { state, stopped: `L-BFGS stopped at iteration ${state.iteration}: no descent direction left (gᵀd = ${gtd.toExponential(2)})` };
  }
  // Without curvature memory (first iteration, or after a restart) the step length is unknown: scale by 1/|g|₁.
  const t0 = state.s.length === 0 ? Math.min(1, 1 / state.grad.reduce((a, g) => a + Math.abs(g), 0)) * spec.lr : spec.lr;
  const search = strongWolfe(objective, state.x, t0, d, state.loss, state.grad, gtd, spec.maxEvaluations);
  const evaluations = state.evaluations + search.evaluations;

  if (!(search.loss < state.loss) || !Number.isFinite(search.loss)) {
    if (state.s.length > 0) {
      // A stale curvature memory can point the search badly: forget it and retry from steepest descent.
      return { state: { ...state, s: [], y: [], evaluations, restarts: state.restarts + 1 } };
    }
    return {
      state: { ...state, evaluations },
      stopped: `L-BFGS stopped at iteration ${state.iteration}: the line search found no lower loss in ${search.evaluations} evaluations (loss ${state.loss.toExponential(3)}; the float32 noise floor is likely reached)`,
    };
  }
  const x = new Float64Array(state.x.length);
  const step = new Float64Array(state.x.length);
  for (let i = 0; i < x.length; i++) {
    step[i] = search.t * d[i];
    x[i] = state.x[i] + step[i];
  }
  const change = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) change[i] = search.grad[i] - state.grad[i];
  let s = state.s;
  let y = state.y;
  if (dot(change, step) > 1e-10) {
    s = [...s, step].slice(-spec.history);
    y = [...y, change].slice(-spec.history);
  }
  const next: LbfgsState = { x, loss: search.loss, grad: search.grad, s, y, iteration: state.iteration + 1, evaluations, restarts: state.restarts };
  if (maxAbs(step) <= spec.changeTolerance) {
    return { state: next, stopped: `L-BFGS stopped at iteration ${next.iteration}: step ${maxAbs(step).toExponential(2)} ≤ ${spec.changeTolerance}` };
  }
  if (Math.abs(search.loss - state.loss) <= spec.changeTolerance) {
    return { state: next, stopped: `L-BFGS stopped at iteration ${next.iteration}: loss change ${Math.abs(search.loss - state.loss).toExponential(2)} ≤ ${spec.changeTolerance}` };
  }
  return { state: next };
}
