/**
 * The optimizers of a method run as a chain, in order (Adam then L-BFGS is a chain, not an if).
 * This holds only the bookkeeping: which optimizer is current, how far it is, when to move on.
 * Each phase carries its optimizer's state, typed by the method that owns it.
 */
import type { AdamSpec, LbfgsSpec, OptimizerSpec } from '../config/schema';

export interface Phase<State> {
  spec: OptimizerSpec;
  state?: State;
  /** Set by an optimizer that stopped early (L-BFGS converged or could not progress). */
  stopped?: boolean;
}

export interface ChainPosition {
  index: number;
  iterationInPhase: number;
  stopped: boolean[];
}

export class OptimizerChain<State> {
  readonly phases: Phase<State>[];
  readonly totalIterations: number;
  private index = 0;
  private iterationInPhase = 0;

  constructor(specs: readonly OptimizerSpec[], private readonly onLeave: (phase: Phase<State>) => void = () => undefined) {
    this.phases = specs.filter((spec) => spec.iterations > 0).map((spec) => ({ spec }));
    this.totalIterations = this.phases.reduce((sum, phase) => sum + phase.spec.iterations, 0);
  }

  get finished(): boolean {
    return this.index >= this.phases.length;
  }

  get current(): Phase<State> {
    const phase = this.phases[this.index];
    if (!phase) throw new Error('internal: step() after the last optimizer finished');
    return phase;
  }

  /** Iterations already done by the current optimizer. */
  get phaseIteration(): number {
    return this.iterationInPhase;
  }

  /** Where the chain stands, for a checkpoint (each phase's optimizer state is the method's to save). */
  position(): ChainPosition {
    return { index: this.index, iterationInPhase: this.iterationInPhase, stopped: this.phases.map((phase) => phase.stopped === true) };
  }

  restorePosition(position: ChainPosition): void {
    if (position.stopped.length !== this.phases.length) throw new Error(`checkpoint has ${position.stopped.length} optimizers, the config ${this.phases.length}`);
    this.index = position.index;
    this.iterationInPhase = position.iterationInPhase;
    this.phases.forEach((phase, i) => (phase.stopped = position.stopped[i] || undefined));
  }

  /** One iteration of the current optimizer (`adam` or `lbfgs`, by its spec), then `advance`. */
  step<R>(adam: (phase: Phase<State>, spec: AdamSpec) => R, lbfgs: (phase: Phase<State>, spec: LbfgsSpec) => R): R {
    const phase = this.current;
    const result = phase.spec.name === 'adam' ? adam(phase, phase.spec) : lbfgs(phase, phase.spec);
    this.advance();
    return result;
  }

  /** Counts one iteration; moves to the next optimizer when this one is done or stopped early. */
  advance(): void {
    const phase = this.current;
    this.iterationInPhase++;
    if (this.iterationInPhase >= phase.spec.iterations || phase.stopped) {
      this.onLeave(phase);
      // Iterations an optimizer did not use (an early L-BFGS stop) are not owed by the next one.
      this.index++;
      this.iterationInPhase = 0;
    }
  }
}
