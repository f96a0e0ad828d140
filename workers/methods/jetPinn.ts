/**
 * The PINN of pinn.ts on the workbench's own jet engine (problems/pinnLoss64.ts): float64 for
 * `"precision": "float64"`, and float32 where tfjs would run on WebAssembly anyway (the fused
 * engine is several times faster than tfjs-wasm's many small kernels; see pinnEngine.ts). The same
 * loss, optimizer chain and residual-based refinement; Adam runs on a float64 parameter vector
 * (the engine rounds it to its precision), L-BFGS as in pinn.ts.
 */
import { type AdamSpec, type LbfgsSpec, type PinnMethodSpec, type RunConfigOf } from '../config/schema';
import type { Rng } from '../engine/rng';
import { parameterShapes, type InputMap, type MlpShape } from '../engine/taylorMlp';
import type { JetPrecision } from '../engine/wasmJet/kernels';
import { JetNetworkWasm } from '../engine/wasmJet/jetNetwork';
import { adam64Init, adam64Update, type Adam64State } from '../optimizers/adam64';
import { lbfgsInit, lbfgsStep, type LbfgsState } from '../optimizers/lbfgs';
import type { Objective } from '../optimizers/strongWolfe';
import { jetEngineName } from '../problems/pinnLoss64';
import type { ProblemModel } from '../problems/problemModel';
import { initialTheta, inputMap, networkShape, sampleCollocation, type Collocation } from '../problems/collocation';
import { sampleInterior } from '../problems/sampler';
import { ShardedPinnLoss } from '../parallel/shardedPinnLoss';
import { pinnThreads } from '../parallel/threadCount';
import { findDivergence, type SavedParameters, type SolverMethod, type StepReport } from './method';
import { OptimizerChain, type Phase } from './optimizerChain';
import { adam64FromState, adam64ToState, chainFromState, chainToState, checkKind, lbfgsFromState, lbfgsToState, phasesFromState, phasesToState, type MethodState, type StateValue } from './methodState';

/** The state layout per precision: a float32 checkpoint does not resume a float64 run, nor the reverse. */
const STATE_KINDS: Record<JetPrecision, string> = { float64: 'pinn-float64/1', float32: 'pinn-jet-float32/1' };

type Pinn64Phase = Phase<Adam64State | LbfgsState>;

export class JetPinnMethod implements SolverMethod {
  readonly totalIterations: number;
  iteration = 0;
  private readonly shape: MlpShape;
  private readonly map: InputMap;
  private theta: Float64Array;
  private lastGood: Float64Array;
  private readonly loss: ShardedPinnLoss;
  private points: Collocation;
  private readonly chain: OptimizerChain<Adam64State | LbfgsState>;
  private readonly termsOf = new WeakMap<Float64Array, number[]>();
  private readonly adaptive: RunConfigOf<PinnMethodSpec>['sampling']['adaptive'];

  constructor(
    config: RunConfigOf<PinnMethodSpec>,
    private readonly model: ProblemModel,
    private readonly rng: Rng,
    private readonly precision: JetPrecision = config.precision,
  ) {
    this.shape = networkShape(config, model);
    this.map = inputMap(model);
    this.theta = initialTheta(this.shape, rng);
    if (precision === 'float32') this.theta = Float64Array.from(Float32Array.from(this.theta));
    this.lastGood = Float64Array.from(this.theta);
    this.points = sampleCollocation(config, model, rng);
    const threads = pinnThreads(config.threads, this.points.interior.length / model.coordinates.length);
    this.loss = new ShardedPinnLoss(config, model, this.shape, this.map, this.points, precision, threads);
    this.adaptive = config.sampling.adaptive;
    this.chain = new OptimizerChain<Adam64State | LbfgsState>(config.method.optimizers);
    this.totalIterations = this.chain.totalIterations;
  }

  private get stateKind(): string {
    return STATE_KINDS[this.precision];
  }

  /** Bytes of WebAssembly memory its engine holds (0 on the JavaScript engine): memory tests and the soak watch it. */
  get wasmMemoryBytes(): number {
    return this.loss.engine instanceof JetNetworkWasm ? this.loss.engine.memoryBytes : 0;
  }

  /** The engine it trains on, e.g. 'jet-wasm-f32'. */
  get engineName(): string {
    return jetEngineName(this.loss.engine);
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

  private readonly objective: Objective = (x) => {
    const { loss, terms, grad } = this.loss.evaluate(x);
    const finite = grad.every(Number.isFinite);
    // The read-back findDivergence expects: [loss, terms…, gradient (NaN where any entry is not finite)].
    this.termsOf.set(grad, [loss, ...terms, finite ? 0 : NaN]);
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

  /**
   * Residual-based adaptive refinement (Lu et al., DeepXDE 2021), as in pinn.ts: add the candidate
   * points of largest PDE residual. Only between Adam steps (L-BFGS assumes a fixed loss).
   */
  private refine(): string {
    const spec = this.adaptive!;
    const candidates = sampleInterior(this.model.domain, spec.candidates, 'random', this.rng);
    const residual = this.loss.pointwiseResidual(this.theta, candidates);
    const order = Array.from(residual.keys()).sort((a, b) => residual[b] - residual[a]).slice(0, spec.add);
    const d = this.model.coordinates.length;
    const interior = this.points.interior;
    const grown = new Float64Array(interior.length + order.length * d);
    grown.set(interior);
    order.forEach((index, k) => grown.set(candidates.subarray(index * d, (index + 1) * d), interior.length + k * d));
    this.points = { ...this.points, interior: grown };
    this.loss.setPoints(this.points);
    return `added ${order.length} points of largest residual (${grown.length / d} interior points)`;
  }

  private adamStep(phase: Pinn64Phase, spec: AdamSpec): StepReport {
    const state = (phase.state as Adam64State | undefined) ?? adam64Init(this.theta.length);
    const at = this.chain.phaseIteration;
    const note = this.adaptive && at > 0 && at % this.adaptive.every === 0 ? this.refine() : undefined;
    const { grad } = this.objective(this.theta);
    const values = this.termsOf.get(grad)!;
    const report = this.report('adam', values, note);
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
    return { ...this.report('lbfgs', this.termsOf.get(result.state.grad)!, result.stopped), evaluations: result.state.evaluations - state.evaluations };
  }

  predict(points: Float64Array): Float32Array[] {
    return this.loss.predict(this.theta, points);
  }

  parameters(): SavedParameters {
    let offset = 0;
    const shapes = parameterShapes(this.shape);
    return { shapes, values: shapes.map(([rows, cols]) => Array.from(this.theta.subarray(offset, (offset += rows * cols)))) };
  }

  // Analysis hooks (workers/analysis): the flat parameters, and the loss at any parameters.
  flatParameters(): Float64Array {
    return Float64Array.from(this.theta);
  }

  lossAt(theta: Float64Array): number {
    return this.loss.lossOnly(theta);
  }

  // --- checkpoint / resume (methodState.ts) ---

  checkpoint(): MethodState {
    const phases = phasesToState(this.chain, (name, state) =>
      name === 'adam' ? adam64ToState(state as Adam64State) : lbfgsToState(state as LbfgsState, this.termsOf.get((state as LbfgsState).grad)!),
    );
    const data = { theta: Float64Array.from(this.theta), interior: Float64Array.from(this.points.interior), chain: chainToState(this.chain.position()), phases };
    return { kind: this.stateKind, iteration: this.iteration, data };
  }

  restore(state: MethodState): void {
    checkKind(state, this.stateKind);
    const data = state.data as { theta: Float64Array; interior?: Float64Array; chain: StateValue; phases: StateValue };
    if (data.theta.length !== this.theta.length) throw new Error(`the checkpoint has ${data.theta.length} parameters, the network ${this.theta.length}`);
    this.theta = Float64Array.from(data.theta);
    // Points added by adaptive refinement before the checkpoint.
    if (data.interior && data.interior.length !== this.points.interior.length) {
      this.points = { ...this.points, interior: Float64Array.from(data.interior) };
      this.loss.setPoints(this.points);
    }
    this.lastGood = Float64Array.from(this.theta);
    this.chain.restorePosition(chainFromState(data.chain));
    phasesFromState(this.chain, data.phases, (name, value) => {
      if (name === 'adam') return adam64FromState(value);
      const { state: lbfgs, reported } = lbfgsFromState(value);
      this.termsOf.set(lbfgs.grad, reported);
      return lbfgs;
    });
    this.iteration = state.iteration;
  }

  /** How many threads share a step (workers/parallel). */
  get threads(): number {
    return this.loss.threads;
  }

  dispose(): void {
    // The engine's memory goes with the loss; its compute threads stop here.
    this.loss.dispose();
  }
}
