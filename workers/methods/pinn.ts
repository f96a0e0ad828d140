/**
 * PINN (Raissi, Perdikaris & Karniadakis, 2019): an MLP u_θ trained on
 *   L(θ) = w_pde · Σ_eq mean r(x)² + w_bc · Σ_piece weight · mean (B u − g)²
 * by a chain of optimizers (Adam then L-BFGS is a chain, not an if). Input derivatives come from
 * the Taylor-mode MLP; parameter gradients from one reverse pass.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AdamSpec, LbfgsSpec, RunConfig } from '../config/schema';
import { initialParameters, mlpValue, parameterShapes, type InputMap, type MlpShape } from '../engine/taylorMlp';
import type { Rng } from '../engine/rng';
import { adamDispose, adamInit, adamUpdate, type AdamState } from '../optimizers/adam';
import { lbfgsInit, lbfgsStep, type LbfgsState } from '../optimizers/lbfgs';
import type { Objective } from '../optimizers/strongWolfe';
import { lowerCorner, upperCorner } from '../problems/domain';
import { PinnLoss, type PeriodicPairs } from '../problems/pinnLoss';
import { applyHardToValues } from '../problems/hardConstraint';
import type { ProblemModel } from '../problems/problemModel';
import { sampleFaces, sampleInterior, type SamplingMethod } from '../problems/sampler';
import { DivergenceError, type SavedParameters, type SolverMethod, type StepReport } from './method';

type Phase =
  | { spec: AdamSpec; state?: AdamState }
  | { spec: LbfgsSpec; state?: LbfgsState; stopped?: boolean };

function periodicPairs(model: ProblemModel, dim: number, n: number, method: SamplingMethod, rng: Rng): PeriodicPairs {
  const lower = sampleFaces(model.domain, [{ dim, side: 'min' }], n, method, rng).points;
  const upper = Float64Array.from(lower);
  const d = model.coordinates.length;
  for (let i = dim; i < upper.length; i += d) upper[i] = model.domain.max[dim];
  return { dim, lower, upper };
}

function inputMap(model: ProblemModel): InputMap {
  const lo = lowerCorner(model.domain);
  const hi = upperCorner(model.domain);
  return { center: lo.map((l, i) => (l + hi[i]) / 2), invHalfWidth: lo.map((l, i) => 2 / (hi[i] - l)) };
}

export class PinnMethod implements SolverMethod {
  readonly totalIterations: number;
  iteration = 0;
  private readonly shape: MlpShape;
  private readonly map: InputMap;
  /** All weights and biases in one flat variable: the optimizers then run a handful of ops, not a handful per layer. */
  private readonly theta: tf.Variable;
  private readonly shapes: [number, number][];
  private loss: PinnLoss;
  private interior: Float64Array;
  private readonly rebuildLoss: (interior: Float64Array) => PinnLoss;
  private readonly adaptive: RunConfig['sampling']['adaptive'];
  private readonly phases: Phase[];
  private phaseIndex = 0;
  private phaseIteration = 0;
  private lastGood: tf.Tensor[] = [];
  private readonly termsOf = new WeakMap<Float64Array, number[]>();

  constructor(config: RunConfig, private readonly model: ProblemModel, private readonly rng: Rng) {
    this.shape = { inputs: model.coordinates.length, hidden: config.network.hidden, outputs: model.unknowns.length, activation: config.network.activation };
    this.map = inputMap(model);
    this.shapes = parameterShapes(this.shape);
    const initial = initialParameters(this.shape, rng);
    const flat = new Float32Array(initial.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of initial) {
      flat.set(part, offset);
      offset += part.length;
    }
    const initialTheta = tf.tensor1d(flat);
    this.theta = tf.variable(initialTheta, true);
    initialTheta.dispose();

    const { interior, boundary, method } = config.sampling;
    this.interior = sampleInterior(model.domain, interior, method, rng);
    this.adaptive = config.sampling.adaptive;
    const perPiece = model.boundary.length > 0 ? Math.max(1, Math.round(boundary / model.boundary.length)) : 0;
    const pieces = model.boundary.map((piece) => sampleFaces(model.domain, piece.faces, perPiece, method, rng));
    const periodic = model.periodic.map((dim) => periodicPairs(model, dim, Math.max(1, perPiece), method, rng));
    this.rebuildLoss = (points) => new PinnLoss(model, this.shape, this.map, points, pieces.map((p) => p.points), pieces.map((p) => p.normals), config.loss, periodic);
    this.loss = this.rebuildLoss(this.interior);
    this.phases = config.method.optimizers.filter((o) => o.iterations > 0).map((spec): Phase => ({ spec }) as Phase);
    this.totalIterations = this.phases.reduce((sum, p) => sum + p.spec.iterations, 0);
  }

  /** The layers' weights and biases as views of theta (inside a gradient scope, gradients flow to theta). */
  private layers(): tf.Tensor2D[] {
    let offset = 0;
    return this.shapes.map(([rows, cols]) => {
      const part = tf.reshape(tf.slice(this.theta, [offset], [rows * cols]), [rows, cols]) as tf.Tensor2D;
      offset += rows * cols;
      return part;
    });
  }

  get finished(): boolean {
    return this.phaseIndex >= this.phases.length;
  }

  step(): StepReport {
    const phase = this.phases[this.phaseIndex];
    if (!phase) throw new Error('internal: step() after the last optimizer finished');
    const report = phase.spec.name === 'adam' ? this.adamStep(phase as Extract<Phase, { spec: AdamSpec }>) : this.lbfgsStep(phase as Extract<Phase, { spec: LbfgsSpec }>);
    this.iteration++;
    this.phaseIteration++;
    if (this.phaseIteration >= phase.spec.iterations || ('stopped' in phase && phase.stopped)) this.nextPhase();
    return report;
  }

  private nextPhase(): void {
    const phase = this.phases[this.phaseIndex];
    if (phase.spec.name === 'adam' && phase.state) {
      adamDispose(phase.state as AdamState);
      phase.state = undefined;
    }
    // Iterations an optimizer did not use (an early L-BFGS stop) are not owed by the next one.
    this.phaseIndex++;
    this.phaseIteration = 0;
  }

  private terms(values: ArrayLike<number>, offset: number): Record<string, number> {
    const terms: Record<string, number> = {};
    this.loss.termNames.forEach((name, i) => (terms[name] = values[offset + i]));
    return terms;
  }

  private checkFinite(values: ArrayLike<number>, optimizer: string): void {
    const bad = Array.from(values).findIndex((v) => !Number.isFinite(v));
    if (bad < 0) return;
    const names = this.loss.termNames;
    const what = bad === 0 ? 'the total loss' : bad <= names.length ? `loss term '${names[bad - 1]}'` : 'the gradient';
    this.restore(this.lastGood);
    throw new DivergenceError(
      `diverged at iteration ${this.iteration + 1} (${optimizer}): ${what} is ${values[bad]}; parameters restored to the last finite ones`,
    );
  }

  private restore(values: readonly tf.Tensor[]): void {
    if (values.length === 1) this.theta.assign(values[0]);
  }

  /** Loss, its terms and the gradient with respect to theta, from one Taylor pass and one reverse pass. */
  private lossAndGradient(): { values: Float32Array; grad: tf.Tensor1D } {
    let terms: tf.Tensor1D | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const loss = this.loss.evaluate(this.layers());
      terms = tf.keep(loss.terms);
      return loss.total;
    }, [this.theta]);
    const grad = grads[this.theta.name] as tf.Tensor1D;
    // One read-back: the loss, its terms, and the gradient's sum (NaN/Inf anywhere shows there).
    const values = tf.tidy(() => tf.concat([tf.reshape(value, [1]), terms!, tf.reshape(tf.sum(grad), [1])]).dataSync() as Float32Array);
    tf.dispose([value, terms!]);
    return { values, grad };
  }

  /**
   * Residual-based adaptive refinement (Lu et al., DeepXDE 2021): add the candidate points where
   * the PDE residual is largest. Only between Adam steps: L-BFGS's curvature pairs assume a fixed loss.
   */
  private refine(): string {
    const spec = this.adaptive!;
    const candidates = sampleInterior(this.model.domain, spec.candidates, 'random', this.rng);
    const residual = tf.tidy(() => this.loss.pointwiseResidual(this.layers(), candidates));
    const order = Array.from(residual.keys()).sort((a, b) => residual[b] - residual[a]).slice(0, spec.add);
    const d = this.model.coordinates.length;
    const grown = new Float64Array(this.interior.length + order.length * d);
    grown.set(this.interior);
    order.forEach((index, k) => grown.set(candidates.subarray(index * d, (index + 1) * d), this.interior.length + k * d));
    this.interior = grown;
    this.loss.dispose();
    this.loss = this.rebuildLoss(grown);
    return `added ${order.length} points of largest residual (${grown.length / d} interior points)`;
  }

  private adamStep(phase: Extract<Phase, { spec: AdamSpec }>): StepReport {
    phase.state ??= adamInit([this.theta]);
    const note = this.adaptive && this.phaseIteration > 0 && this.phaseIteration % this.adaptive.every === 0 ? this.refine() : undefined;
    const { values, grad } = this.lossAndGradient();
    if (!values.every(Number.isFinite)) {
      grad.dispose();
      this.checkFinite(values, 'adam');
    }
    tf.dispose(this.lastGood);
    this.lastGood = [tf.clone(this.theta)];
    phase.state = adamUpdate(phase.spec, phase.state, [this.theta], [grad]);
    grad.dispose();
    return { optimizer: 'adam', loss: values[0], terms: this.terms(values, 1), note };
  }

  private flatParameters(): Float64Array {
    return Float64Array.from(this.theta.dataSync());
  }

  private setFlatParameters(x: Float64Array): void {
    const values = tf.tensor1d(Float32Array.from(x));
    this.theta.assign(values); // assign copies the reference count, not ownership
    values.dispose();
  }

  private readonly objective: Objective = (x) => {
    this.setFlatParameters(x);
    const { values, grad } = this.lossAndGradient();
    const g = Float64Array.from(grad.dataSync());
    grad.dispose();
    const termCount = this.loss.termNames.length;
    const loss = Number.isFinite(values[1 + termCount]) ? values[0] : NaN;
    this.termsOf.set(g, Array.from(values.subarray(0, 1 + termCount)));
    return { loss, grad: g };
  };

  private lbfgsStep(phase: Extract<Phase, { spec: LbfgsSpec }>): StepReport {
    if (!phase.state) {
      phase.state = lbfgsInit(this.objective, this.flatParameters());
      this.checkFinite(this.termsOf.get(phase.state.grad)!, 'lbfgs');
    }
    tf.dispose(this.lastGood);
    this.lastGood = [tf.clone(this.theta)];
    const result = lbfgsStep(phase.spec, this.objective, phase.state);
    phase.state = result.state;
    this.setFlatParameters(result.state.x);
    const values = this.termsOf.get(result.state.grad)!;
    this.checkFinite(values, 'lbfgs');
    if (result.stopped) phase.stopped = true;
    return { optimizer: 'lbfgs', loss: values[0], terms: this.terms(values, 1), note: result.stopped };
  }

  predict(points: Float64Array): Float32Array[] {
    const dims = this.shape.inputs;
    const n = points.length / dims;
    const chunk = 65536;
    const out = this.model.unknowns.map(() => new Float32Array(n));
    for (let start = 0; start < n; start += chunk) {
      const count = Math.min(chunk, n - start);
      const values = tf.tidy(() => {
        const x = tf.tensor2d(Float32Array.from(points.subarray(start * dims, (start + count) * dims)), [count, dims]);
        return mlpValue(this.layers(), this.shape, this.map, x).dataSync();
      });
      const outputs = this.model.unknowns.length;
      for (let i = 0; i < count; i++) for (let q = 0; q < outputs; q++) out[q][start + i] = values[i * outputs + q];
    }
    applyHardToValues(this.model.hard, this.model.unknowns, this.model.plainScope, points, out);
    return out;
  }

  parameters(): SavedParameters {
    const flat = this.theta.dataSync();
    let offset = 0;
    return {
      shapes: this.shapes,
      values: this.shapes.map(([rows, cols]) => Array.from(flat.subarray(offset, (offset += rows * cols)))),
    };
  }

  dispose(): void {
    for (const phase of this.phases) if (phase.spec.name === 'adam' && phase.state) adamDispose(phase.state as AdamState);
    this.loss.dispose();
    tf.dispose([this.theta, ...this.lastGood]);
  }
}
