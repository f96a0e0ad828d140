/**
 * TENG, the time-evolving natural gradient (Chen, McCarran, Vizcaino, Soljačić, Luo, ICML 2024),
 * for u_t = N[u] on a periodic box. The network u(x; θ) is advanced one time step per step():
 *   Euler:  θ_{k+1} = argmin_θ ‖u(θ) − (u_k + dt·N[u_k])‖²
 *   Heun:   θ̃ = argmin ‖u(θ) − (u_k + dt·N[u_k])‖²,
 *           θ_{k+1} = argmin ‖u(θ) − (u_k + dt/2·(N[u_k] + N[ũ]))‖²   (starting from θ̃)
 * each argmin by a few Gauss–Newton iterations on the sample grid (trapezoid rule on the periodic
 * grid: equal weights), every iteration over a freshly drawn random subset S of the parameters:
 *   θ_S += δ,  δ = argmin ‖J_S δ − r‖²,  r = target − u(θ)   (leastSquares.ts).
 * Before the first step the network is fitted to the initial condition by Levenberg–Marquardt on
 * random subsets (the error floor of the whole run, so it gets the most iterations; damping by
 * levenbergMarquardt.ts); those fit iterations are step()s too, reported as 'fit'. Every subset
 * holds the output layer: u is linear in it, and updating it jointly with the drawn hidden
 * parameters measured about 1.5× faster fits (relL2 of the heat fit after 840 iterations:
 * 2.3e-5 against 3.1e-5).
 */
import type { RunConfig, TengMethodSpec } from '../../config/schema';
import type { Rng } from '../../engine/rng';
import { parameterShapes, type MlpShape } from '../../engine/taylorMlp';
import { compileNumeric } from '../../expr/compile';
import { parameterCount64 } from '../../float64/jetMlp64';
import { initialTheta } from '../../problems/collocation';
import type { ProblemModel } from '../../problems/problemModel';
import { DivergenceError, type SavedParameters, type SolverMethod, type StepReport } from '../method';
import { checkKind, type MethodState } from '../methodState';
import { evolutionEquation, rhsEvaluator, type EvolutionEquation } from './evolutionEquation';
import { dampedLeastSquares } from './leastSquares';
import { initialDamping, nextDamping, predictedDecrease, type DampingState } from './levenbergMarquardt';
import { periodicEmbedding, type PeriodicEmbedding } from './periodicEmbedding';
import { PeriodicPointSet } from './periodicNetwork';
import { tengStepCount } from './tengChecks';

const STATE_KIND = 'teng/1';

/** A periodic n^d grid without the right ends (the trapezoid rule on a periodic box). */
export function periodicGrid(lo: readonly number[], hi: readonly number[], n: number): Float64Array {
  const d = lo.length;
  const total = n ** d;
  const points = new Float64Array(total * d);
  for (let index = 0; index < total; index++) {
    let rest = index;
    for (let k = 0; k < d; k++) {
      points[index * d + k] = lo[k] + ((hi[k] - lo[k]) * (rest % n)) / n;
      rest = Math.floor(rest / n);
    }
  }
  return points;
}

/** size distinct indices of 0..total−1, uniformly (partial Fisher–Yates), sorted. */
export function randomSubset(total: number, size: number, rng: Rng): Int32Array {
  const all = Int32Array.from({ length: total }, (_, i) => i);
  const take = Math.min(size, total);
  for (let i = 0; i < take; i++) {
    const j = i + rng.int(total - i);
    const swap = all[i];
    all[i] = all[j];
    all[j] = swap;
  }
  return all.slice(0, take).sort();
}

/** size parameter indices: the last `always` ones (the output layer) and a random draw among the others. */
export function subsetWithOutputLayer(total: number, size: number, always: number, rng: Rng): Int32Array {
  const drawn = randomSubset(total - always, Math.max(0, size - always), rng);
  const subset = new Int32Array(drawn.length + always);
  subset.set(drawn);
  for (let k = 0; k < always; k++) subset[drawn.length + k] = total - always + k;
  return subset;
}

const sumOfSquares = (r: Float64Array) => r.reduce((s, v) => s + v * v, 0);
const rms = (r: Float64Array) => Math.sqrt(sumOfSquares(r) / r.length);

export class TengMethod implements SolverMethod {
  readonly totalIterations: number;
  iteration = 0;
  private readonly spec: TengMethodSpec;
  private readonly shape: MlpShape;
  private readonly embedding: PeriodicEmbedding;
  private readonly set: PeriodicPointSet;
  private readonly space: Float64Array;
  private readonly equation: EvolutionEquation;
  private readonly initialValues: Float64Array;
  private readonly steps: number;
  private readonly t0: number;
  private theta: Float64Array;
  private stepIndex = 0;
  private fitDamping = initialDamping();
  /** Output-layer parameters (weights and bias), the last ones of θ. */
  private readonly outputLayer: number;
  private fitResidual: number | undefined;

  constructor(
    config: RunConfig,
    private readonly model: ProblemModel,
    private readonly rng: Rng,
  ) {
    if (config.method.name !== 'teng') throw new Error(`internal: TengMethod for method '${config.method.name}'`);
    this.spec = config.method;
    const equations = config.problem.equation;
    this.equation = evolutionEquation(Array.isArray(equations) ? equations[0] : equations, model.fieldScope);
    const dims = model.domain.min.length;
    this.embedding = periodicEmbedding(model.domain.min, model.domain.max);
    this.shape = { inputs: 2 * dims, hidden: config.network.hidden, outputs: 1, activation: config.network.activation };
    this.theta = initialTheta(this.shape, rng);
    this.outputLayer = config.network.hidden[config.network.hidden.length - 1] + 1;
    this.space = periodicGrid(model.domain.min, model.domain.max, this.spec.points);
    this.set = new PeriodicPointSet(this.shape, this.embedding, this.space, dims);
    const [t0] = model.domain.time!;
    this.t0 = t0;
    this.steps = tengStepCount(model.domain.time!, this.spec.dt);
    const initial = model.boundary.find((piece) => piece.faces.some((face) => face.dim === dims) && piece.unknown === model.unknowns[0]);
    if (!initial) throw new Error('TENG needs an initial condition (problem.initial)');
    const u0 = compileNumeric(initial.value, model.plainScope);
    const point = new Float64Array(dims + 1);
    this.initialValues = new Float64Array(this.set.n);
    for (let p = 0; p < this.set.n; p++) {
      point.set(this.space.subarray(p * dims, (p + 1) * dims));
      point[dims] = t0;
      this.initialValues[p] = u0(point);
    }
    this.totalIterations = this.spec.fitIterations + this.steps;
  }

  get finished(): boolean {
    return this.iteration >= this.totalIterations;
  }

  /** The time the network currently represents. */
  get time(): number {
    return this.t0 + this.stepIndex * this.spec.dt;
  }

  get parameterCount(): number {
    return parameterCount64(this.shape);
  }

  step(): StepReport {
    const report = this.iteration < this.spec.fitIterations ? this.fitStep() : this.timeStep();
    this.iteration++;
    return report;
  }

  /** One Levenberg–Marquardt iteration on the initial condition over a random parameter subset. */
  private fitStep(): StepReport {
    const subset = this.drawSubset(this.spec.fitSubset);
    const { a, u } = this.set.jacobianColumns(this.theta, subset);
    const r = this.initialValues.map((v, i) => v - u[i]);
    const before = sumOfSquares(r);
    if (!Number.isFinite(before)) throw new DivergenceError(`diverged at iteration ${this.iteration + 1} (fit): the initial-condition residual is ${before}`);
    const { delta } = dampedLeastSquares(a, this.set.n, subset.length, r, this.fitDamping.relativeDamping);
    const trial = Float64Array.from(this.theta);
    subset.forEach((k, j) => (trial[k] += delta[j]));
    const uTrial = this.set.values(trial);
    const after = sumOfSquares(this.initialValues.map((v, i) => v - uTrial[i]));
    const { accept, state } = nextDamping(this.fitDamping, before - after, predictedDecrease(a, this.set.n, subset.length, r, delta));
    if (accept) this.theta = trial;
    this.fitDamping = state;
    this.fitResidual = Math.sqrt(Math.min(before, after) / this.set.n);
    if (!Number.isFinite(this.fitResidual)) throw new DivergenceError(`diverged at iteration ${this.iteration + 1} (fit): the initial-condition residual is ${after}`);
    let note: string | undefined;
    if (this.iteration + 1 === this.spec.fitIterations) note = `initial condition fitted to an RMS residual of ${this.fitResidual.toExponential(2)} on the ${this.spec.points}^${this.embedding.dims} grid`;
    return { optimizer: 'fit', loss: this.fitResidual, terms: { fit: this.fitResidual }, note, time: this.t0, measure: this.iteration + 1 === this.spec.fitIterations };
  }

  private drawSubset(size: number): Int32Array {
    return subsetWithOutputLayer(this.theta.length, size, this.outputLayer, this.rng);
  }

  /** N[u] at the sample points, for the network θ at time t. */
  private rhs(theta: Float64Array, t: number): Float64Array {
    const dims = this.embedding.dims;
    const n = this.set.n;
    const coordinates = [...Array.from({ length: dims }, (_, k) => Float64Array.from({ length: n }, (_, p) => this.space[p * dims + k])), new Float64Array(n).fill(t)];
    return rhsEvaluator(this.equation, this.model.fieldScope, coordinates)(this.set.derivatives(theta, this.equation.reads));
  }

  /** N[u] at time t, or a DivergenceError naming the step and the time where it is not finite (the fit's target would be). */
  private finiteRhs(theta: Float64Array, t: number): Float64Array {
    const values = this.rhs(theta, t);
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad < 0) return values;
    throw new DivergenceError(
      `diverged at iteration ${this.iteration + 1} (teng step ${this.stepIndex + 1}): the right-hand side N[u] is ${values[bad]} at t = ${t}, sample point ${bad}; parameters kept at the last finite ones`,
    );
  }

  /** Gauss–Newton iterations from θ toward the target values; returns the new θ and the last residual. */
  private fitTo(theta: Float64Array, target: Float64Array): { theta: Float64Array; residual: number } {
    const next = Float64Array.from(theta);
    for (let it = 0; it < this.spec.iterations; it++) {
      const subset = this.drawSubset(this.spec.subset);
      const { a, u } = this.set.jacobianColumns(next, subset);
      const r = target.map((v, i) => v - u[i]);
      if (!r.every(Number.isFinite)) {
        throw new DivergenceError(`diverged at iteration ${this.iteration + 1} (teng step ${this.stepIndex + 1}, Gauss–Newton iteration ${it + 1}): the least-squares residual is not finite; parameters kept at the last finite ones`);
      }
      const { delta } = dampedLeastSquares(a, this.set.n, subset.length, r, this.spec.damping);
      subset.forEach((k, j) => (next[k] += delta[j]));
    }
    const u = this.set.values(next);
    return { theta: next, residual: rms(target.map((v, i) => v - u[i])) };
  }

  private timeStep(): StepReport {
    const { dt } = this.spec;
    const t = this.time;
    const u = this.set.values(this.theta);
    const k1 = this.finiteRhs(this.theta, t);
    const euler = this.fitTo(this.theta, u.map((v, i) => v + dt * k1[i]));
    const terms: Record<string, number> = {};
    let result = euler;
    if (this.spec.integrator === 'heun') {
      const k2 = this.finiteRhs(euler.theta, t + dt);
      result = this.fitTo(euler.theta, u.map((v, i) => v + 0.5 * dt * (k1[i] + k2[i])));
      terms['lsq:stage1'] = euler.residual;
    }
    terms.lsq = result.residual;
    if (!result.theta.every(Number.isFinite) || !Number.isFinite(result.residual)) {
      throw new DivergenceError(`diverged at iteration ${this.iteration + 1} (teng step ${this.stepIndex + 1}, t = ${t + dt}): the least-squares residual is ${result.residual}; parameters restored to the last finite ones`);
    }
    this.theta = result.theta;
    this.stepIndex++;
    return { optimizer: `teng-${this.spec.integrator}`, loss: result.residual, terms, time: this.time, measure: this.stepIndex === this.steps };
  }

  predict64(points: Float64Array): Float64Array[] {
    const d = this.model.coordinates.length;
    return [new PeriodicPointSet(this.shape, this.embedding, points, d).values(this.theta)];
  }

  predict(points: Float64Array): Float32Array[] {
    return this.predict64(points).map((v) => Float32Array.from(v));
  }

  parameters(): SavedParameters {
    let offset = 0;
    const shapes = parameterShapes(this.shape);
    return { shapes, values: shapes.map(([rows, cols]) => Array.from(this.theta.subarray(offset, (offset += rows * cols)))) };
  }

  // --- checkpoint / resume (methodState.ts); the parameter subsets come from the run's generator, saved beside ---

  checkpoint(): MethodState {
    const { relativeDamping, growth } = this.fitDamping;
    const data = { theta: Float64Array.from(this.theta), stepIndex: this.stepIndex, fitDamping: { relativeDamping, growth }, fitResidual: this.fitResidual ?? null };
    return { kind: STATE_KIND, iteration: this.iteration, data };
  }

  restore(state: MethodState): void {
    checkKind(state, STATE_KIND);
    const data = state.data as unknown as { theta: Float64Array; stepIndex: number; fitDamping: DampingState; fitResidual: number | null };
    if (data.theta.length !== this.theta.length) throw new Error(`the checkpoint has ${data.theta.length} parameters, the network ${this.theta.length}`);
    this.theta = Float64Array.from(data.theta);
    this.stepIndex = data.stepIndex;
    this.fitDamping = { relativeDamping: data.fitDamping.relativeDamping, growth: data.fitDamping.growth };
    this.fitResidual = data.fitResidual ?? undefined;
    this.iteration = state.iteration;
  }

  dispose(): void {
    // Plain arrays: nothing to release.
  }
}
