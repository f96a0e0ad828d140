/**
 * The PINN of pinn.ts in float64 (`"precision": "float64"`): the same loss and optimizer chain,
 * computed with the float64 Taylor-mode engine (workers/float64) instead of tfjs, for runs whose
 * point is accuracy below float32's reach. Adam runs on the float64 vector; L-BFGS as before.
 */
import { pinnSpec, type AdamSpec, type LbfgsSpec, type RunConfig } from '../config/schema';
import type { Rng } from '../engine/rng';
import { parameterShapes, type MlpShape } from '../engine/taylorMlp';
import { adam64Init, adam64Update, type Adam64State } from '../optimizers/adam64';
import { lbfgsInit, lbfgsStep, type LbfgsState } from '../optimizers/lbfgs';
import type { Objective } from '../optimizers/strongWolfe';
import { PinnLoss64 } from '../problems/pinnLoss64';
import type { ProblemModel } from '../problems/problemModel';
import { initialTheta, inputMap, networkShape, sampleCollocation } from '../problems/collocation';
import { findDivergence, type SavedParameters, type SolverMethod, type StepReport } from './method';
import { OptimizerChain, type Phase } from './optimizerChain';

type Pinn64Phase = Phase<Adam64State | LbfgsState>;

export class PinnMethod64 implements SolverMethod {
  readonly totalIterations: number;
  iteration = 0;
  private readonly shape: MlpShape;
  private theta: Float64Array;
  private lastGood: Float64Array;
  private readonly loss: PinnLoss64;
  private readonly chain: OptimizerChain<Adam64State | LbfgsState>;
  private readonly termsOf = new WeakMap<Float64Array, number[]>();

  constructor(config: RunConfig, model: ProblemModel, rng: Rng) {
    this.shape = networkShape(config, model);
    this.theta = initialTheta(this.shape, rng);
    this.lastGood = Float64Array.from(this.theta);
    const points = sampleCollocation(config, model, rng);
    this.loss = new PinnLoss64(model, this.shape, inputMap(model), points, config.loss);
    this.chain = new OptimizerChain<Adam64State | LbfgsState>(pinnSpec(config.method).optimizers);
    this.totalIterations = this.chain.totalIterations;
  }

  get finished(): boolean {
    return this.chain.finished;
  }

  step(): StepReport {
    const phase = this.chain.current;
    const report = phase.spec.name === 'adam' ? this.adamStep(phase, phase.spec) : this.lbfgsStep(phase, phase.spec);
    this.iteration++;
    this.chain.advance();
    return report;
  }

  private readonly objective: Objective = (x) => {
    const { loss, terms, grad } = this.loss.evaluate(x);
    const finite = grad.every(Number.isFinite);
    this.termsOf.set(grad, [loss, ...terms]);
    return { loss: finite ? loss : NaN, grad };
  };

  private report(optimizer: string, values: number[], note?: string): StepReport {
    const divergence = findDivergence(values, this.loss.termNames, this.iteration + 1, optimizer);
    if (divergence) {
      this.theta = Float64Array.from(this.lastGood);
      throw divergence;
    }
    const terms: Record<string, number> = {};
    this.loss.termNames.forEach((name, i) => (terms[name] = values[1 + i]));
    return { optimizer, loss: values[0], terms, note };
  }

  private adamStep(phase: Pinn64Phase, spec: AdamSpec): StepReport {
    const state = (phase.state as Adam64State | undefined) ?? adam64Init(this.theta.length);
    const { grad } = this.objective(this.theta);
    const values = this.termsOf.get(grad)!;
    const report = this.report('adam', grad.every(Number.isFinite) ? values : [NaN, ...values.slice(1)]);
    this.lastGood = Float64Array.from(this.theta);
    phase.state = adam64Update(spec, state, this.theta, grad);
    return report;
  }

  private lbfgsStep(phase: Pinn64Phase, spec: LbfgsSpec): StepReport {
    let state = phase.state as LbfgsState | undefined;
    if (!state) {
      phase.state = state = lbfgsInit(this.objective, this.theta);
      this.report('lbfgs', this.termsOf.get(state.grad)!);
    }
    this.lastGood = Float64Array.from(this.theta);
    const result = lbfgsStep(spec, this.objective, state);
    phase.state = result.state;
    this.theta = Float64Array.from(result.state.x);
    if (result.stopped) phase.stopped = true;
    return this.report('lbfgs', this.termsOf.get(result.state.grad)!, result.stopped);
  }

  predict(points: Float64Array): Float32Array[] {
    return this.loss.predict(this.theta, points);
  }

  parameters(): SavedParameters {
    let offset = 0;
    const shapes = parameterShapes(this.shape);
    return { shapes, values: shapes.map(([rows, cols]) => Array.from(this.theta.subarray(offset, (offset += rows * cols)))) };
  }

  dispose(): void {
    // Plain arrays: nothing to release.
  }
}
