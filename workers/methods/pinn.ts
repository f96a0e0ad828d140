/**
 * PINN (Raissi, Perdikaris & Karniadakis, 2019): an MLP u_θ trained on
 *   L(θ) = w_pde · Σ_eq mean r(x)² + w_bc · Σ_piece weight · mean (B u − g)²
 * by a chain of optimizers (Adam then L-BFGS is a chain, not an if). Input derivatives come from
 * the Taylor-mode MLP; parameter gradients from one reverse pass.
 */
import * as tf from '@tensorflow/tfjs-core';
import { pinnSpec, type AdamSpec, type LbfgsSpec, type PinnMethodSpec, type RunConfig, type RunConfigOf } from '../config/schema';
import { mlpValue, parameterShapes, type InputMap, type MlpShape } from '../engine/taylorMlp';
import type { Rng } from '../engine/rng';
import { adamDispose, adamFromArrays, adamInit, adamToArrays, adamUpdate, type AdamState } from '../optimizers/adam';
import { lbfgsInit, lbfgsStep, type LbfgsState } from '../optimizers/lbfgs';
import type { Objective } from '../optimizers/strongWolfe';
import { PinnLoss } from '../problems/pinnLoss';
import { initialTheta, inputMap, networkShape, sampleCollocation } from '../problems/collocation';
import { applyHardToValues } from '../problems/hardConstraint';
import type { ProblemModel } from '../problems/problemModel';
import { sampleInterior } from '../problems/sampler';
import { findDivergence, type SavedParameters, type SolverMethod, type StepReport } from './method';
import { OptimizerChain, type Phase } from './optimizerChain';
import { chainFromState, chainToState, checkKind, lbfgsFromState, lbfgsToState, phasesFromState, phasesToState, type MethodState, type StateValue } from './methodState';

const STATE_KIND = 'pinn-float32/1';

type PinnPhase = Phase<AdamState | LbfgsState>;

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
  private readonly chain: OptimizerChain<AdamState | LbfgsState>;
  private lastGood: tf.Tensor[] = [];
  private readonly termsOf = new WeakMap<Float64Array, number[]>();

  constructor(config: RunConfigOf<PinnMethodSpec>, private readonly model: ProblemModel, private readonly rng: Rng) {
    this.shape = networkShape(config, model);
    this.map = inputMap(model);
    this.shapes = parameterShapes(this.shape);
    const start = tf.tensor1d(Float32Array.from(initialTheta(this.shape, rng)));
    this.theta = tf.variable(start, true);
    start.dispose();

    const points = sampleCollocation(config, model, rng);
    this.interior = points.interior;
    this.adaptive = config.sampling.adaptive;
    this.rebuildLoss = (interior) => new PinnLoss(model, this.shape, this.map, { ...points, interior }, config.loss);
    this.loss = this.rebuildLoss(this.interior);
    this.chain = new OptimizerChain<AdamState | LbfgsState>(pinnSpec(config.method).optimizers, (phase) => {
      if (phase.spec.name === 'adam' && phase.state) adamDispose(phase.state as AdamState);
      phase.state = undefined;
    });
    this.totalIterations = this.chain.totalIterations;
  }

  /** The layers' weights and biases as views of theta (inside a gradient scope, gradients flow to theta). */
  private layers(flat: tf.Tensor = this.theta): tf.Tensor2D[] {
    let offset = 0;
    return this.shapes.map(([rows, cols]) => {
      const part = tf.reshape(tf.slice(flat, [offset], [rows * cols]), [rows, cols]) as tf.Tensor2D;
      offset += rows * cols;
      return part;
    });
  }

  get finished(): boolean {
    return this.chain.finished;
  }

  step(): StepReport {
    const report = this.chain.step(
      (phase, spec) => this.adamStep(phase, spec),
      (phase, spec) => this.lbfgsStep(phase, spec),
    );
    this.iteration++;
    return report;
  }

  private terms(values: ArrayLike<number>, offset: number): Record<string, number> {
    const terms: Record<string, number> = {};
    this.loss.termNames.forEach((name, i) => (terms[name] = values[offset + i]));
    return terms;
  }

  private checkFinite(values: ArrayLike<number>, optimizer: string): void {
    const divergence = findDivergence(values, this.loss.termNames, this.iteration + 1, optimizer);
    if (!divergence) return;
    this.restoreTheta(this.lastGood);
    throw divergence;
  }

  private restoreTheta(values: readonly tf.Tensor[]): void {
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

  private adamStep(phase: PinnPhase, spec: AdamSpec): StepReport {
    const state = (phase.state as AdamState | undefined) ?? adamInit([this.theta]);
    const at = this.chain.phaseIteration;
    const note = this.adaptive && at > 0 && at % this.adaptive.every === 0 ? this.refine() : undefined;
    const { values, grad } = this.lossAndGradient();
    if (!values.every(Number.isFinite)) {
      grad.dispose();
      this.checkFinite(values, 'adam');
    }
    tf.dispose(this.lastGood);
    this.lastGood = [tf.clone(this.theta)];
    phase.state = adamUpdate(spec, state, [this.theta], [grad]);
    grad.dispose();
    return { optimizer: 'adam', loss: values[0], terms: this.terms(values, 1), note };
  }

  flatParameters(): Float64Array {
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
    // The whole read-back, gradient sum included, so checkFinite sees a non-finite gradient too.
    this.termsOf.set(g, Array.from(values));
    return { loss, grad: g };
  };

  private lbfgsStep(phase: PinnPhase, spec: LbfgsSpec): StepReport {
    let state = phase.state as LbfgsState | undefined;
    if (!state) {
      phase.state = state = lbfgsInit(this.objective, this.flatParameters());
      this.checkFinite(this.termsOf.get(state.grad)!, 'lbfgs');
    }
    tf.dispose(this.lastGood);
    this.lastGood = [tf.clone(this.theta)];
    const result = lbfgsStep(spec, this.objective, state);
    phase.state = result.state;
    this.setFlatParameters(result.state.x);
    const values = this.termsOf.get(result.state.grad)!;
    this.checkFinite(values, 'lbfgs');
    if (result.stopped) phase.stopped = true;
    return { optimizer: 'lbfgs', loss: values[0], terms: this.terms(values, 1), note: result.stopped, evaluations: result.state.evaluations - state.evaluations };
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

  /** Analysis hook (workers/analysis): the loss at any parameters, theta untouched. */
  lossAt(theta: Float64Array): number {
    return tf.tidy(() => this.loss.evaluate(this.layers(tf.tensor1d(Float32Array.from(theta)))).total.dataSync()[0]);
  }

  // --- checkpoint / resume (methodState.ts) ---

  checkpoint(): MethodState {
    const phases = phasesToState(this.chain, (name, state) =>
      name === 'adam' ? adamToArrays(state as AdamState) : lbfgsToState(state as LbfgsState, this.termsOf.get((state as LbfgsState).grad)!),
    );
    const theta = Float32Array.from(this.theta.dataSync());
    return { kind: STATE_KIND, iteration: this.iteration, data: { theta, interior: Float64Array.from(this.interior), chain: chainToState(this.chain.position()), phases } };
  }

  restore(state: MethodState): void {
    checkKind(state, STATE_KIND);
    const data = state.data as { theta: Float32Array; interior: Float64Array; chain: StateValue; phases: StateValue };
    if (data.theta.length !== this.theta.size) throw new Error(`the checkpoint has ${data.theta.length} parameters, the network ${this.theta.size}`);
    this.setFlatParameters(Float64Array.from(data.theta));
    if (data.interior.length !== this.interior.length) {
      this.interior = Float64Array.from(data.interior);
      this.loss.dispose();
      this.loss = this.rebuildLoss(this.interior);
    }
    this.chain.restorePosition(chainFromState(data.chain));
    phasesFromState(this.chain, data.phases, (name, value) => {
      if (name === 'adam') return adamFromArrays(value as never, [this.theta]);
      const { state: lbfgs, reported } = lbfgsFromState(value);
      this.termsOf.set(lbfgs.grad, reported);
      return lbfgs;
    });
    this.iteration = state.iteration;
    tf.dispose(this.lastGood);
    this.lastGood = [tf.clone(this.theta)];
  }

  dispose(): void {
    for (const phase of this.chain.phases) if (phase.spec.name === 'adam' && phase.state) adamDispose(phase.state as AdamState);
    this.loss.dispose();
    tf.dispose([this.theta, ...this.lastGood]);
  }
}
