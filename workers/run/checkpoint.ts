/**
 * Run checkpoints: the method's state, the random generator's state, and the training time, taken
 * every `checkpoint.every` iterations or `checkpoint.seconds` seconds (whichever comes first) and
 * when the run pauses or is cancelled. Taking one changes nothing in the run, so a resumed run
 * follows the same iterates as one that was never interrupted.
 */
import type { RunConfig } from '../config/schema';
import type { Rng, RngState } from '../engine/rng';
import type { SolverMethod } from '../methods/method';
import { isFiniteState, type MethodState } from '../methods/methodState';

export const CHECKPOINT_FORMAT = 'pde-workbench-checkpoint/1';

export interface RunCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  iteration: number;
  /** Training seconds so far (the budget counts them). */
  seconds: number;
  rng: RngState;
  method: MethodState;
}

export class Checkpoints {
  private lastIteration: number;
  private lastAt = performance.now();
  /** The iteration of the newest checkpoint taken (or resumed from), if any. */
  saved: number | undefined;

  constructor(
    private readonly policy: RunConfig['checkpoint'],
    private readonly method: SolverMethod,
    private readonly rng: Rng,
    private readonly send: (checkpoint: RunCheckpoint) => void,
  ) {
    this.lastIteration = method.iteration;
  }

  get enabled(): boolean {
    return this.method.checkpoint !== undefined;
  }

  /** Puts a fresh method (and the generator it shares) where the checkpoint left off; returns the training seconds. */
  restore(checkpoint: RunCheckpoint): number {
    if (!this.method.restore) throw new Error('this method cannot resume from a checkpoint');
    this.method.restore(checkpoint.method);
    this.rng.restore(checkpoint.rng);
    this.lastIteration = this.saved = checkpoint.iteration;
    return checkpoint.seconds;
  }

  due(): boolean {
    if (!this.enabled || this.method.iteration === this.lastIteration) return false;
    const { every, seconds } = this.policy;
    return (every > 0 && this.method.iteration - this.lastIteration >= every) || performance.now() - this.lastAt >= seconds * 1000;
  }

  take(trainingSeconds: number): void {
    if (!this.method.checkpoint || this.method.iteration === this.saved) return;
    const state = this.method.checkpoint();
    this.lastIteration = this.method.iteration;
    this.lastAt = performance.now();
    // Parameters gone to Inf/NaN in this step show in the next step's loss; until then, the older checkpoint stays the last finite one.
    if (!isFiniteState(state.data)) return;
    this.send({ format: CHECKPOINT_FORMAT, iteration: this.method.iteration, seconds: trainingSeconds, rng: this.rng.state(), method: state });
    this.saved = this.method.iteration;
  }
}
