import type { AuxiliaryField } from '../protocol/service';

/**
 * The life cycle every method shares: create (init) → step … → predict / parameters → dispose.
 * The runner drives it; a method knows nothing of budgets, pausing, files or the UI.
 */
import type { MeshExport } from './meshMover';
import type { Checkpointable } from './methodState';
import type { MeshComparisonEntry, MeshOverlay } from '../mesh/meshOverlay';

export interface StepReport {
  optimizer: string;
  loss: number;
  terms: Record<string, number>;
  /** A line worth showing the user, e.g. why an optimizer stopped early. */
  note?: string;
  /** Products with the Krylov operator this step spent (CPINN's CGD/ACGD). */
  krylovIterations?: number;
  /** Objective evaluations (trial meshes, line-search points) this step spent, where that varies from step to step. */
  evaluations?: number;
  /** Time-stepping methods: the time the solution has reached after this step. */
  time?: number;
  /** Ask the runner to measure the error after this step (e.g. at the end of an initial fit). */
  measure?: boolean;
}

export interface SavedParameters {
  shapes: [number, number][];
  values: number[][];
}

/** checkpoint/restore (methodState.ts) are optional: a method without them runs but cannot resume. */
export interface SolverMethod extends Partial<Checkpointable> {
  readonly totalIterations: number;
  readonly iteration: number;
  readonly finished: boolean;
  /** One optimizer iteration. Throws DivergenceError (parameters restored) on NaN/Inf. */
  step(): StepReport;
  /** Predicted values of every unknown at n points (row-major n×d float64). */
  predict(points: Float64Array): Float32Array[];
  /** Time-stepping methods (TENG): the time the current solution represents; predict reads space only. */
  readonly time?: number;
  /** The same in float64, where the method has it (errors below float32 rounding). */
  predict64?(points: Float64Array): Float64Array[];
  parameters(): SavedParameters;
  /** Optional, for analysis (workers/analysis): all parameters as one flat vector, in the order of parameters(). */
  flatParameters?(): Float64Array;
  /** Optional, for analysis: the training loss at a flat parameter vector; leaves the method's own parameters unchanged. */
  lossAt?(theta: Float64Array): number;
  /** Extra fields at n points for the field view (CPINN: the discriminator's outputs). */
  auxiliaryFields?(points: Float64Array): AuxiliaryField[];
  dispose(): void;
  /** Metrics of the finished run beyond relL2 (e.g. a mesh mover's interpolation error ratio). */
  finalMetrics?(): Record<string, number>;
  /** A moved mesh to export (mesh movers). */
  meshExport?(): MeshExport;
  /** The moved mesh now, for the app's overlay (mesh movers). */
  meshOverlay?(): MeshOverlay;
  /** Uniform, classical and neural meshes with their interpolation errors (mesh movers, once finished). */
  meshComparison?(): MeshComparisonEntry[];
  /** Moved meshes at each time of a followed series (mesh movers on a time-stepping run's fields). */
  meshSeries?(): MeshExport[] | undefined;
}

export class DivergenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DivergenceError';
  }
}

/**
 * The divergence in a step's read-back [loss, terms…, (gradient sum)], if any: names the
 * iteration, the optimizer and the first non-finite term (else the gradient, else the total).
 */
export function findDivergence(values: ArrayLike<number>, termNames: readonly string[], iteration: number, optimizer: string): DivergenceError | undefined {
  const all = Array.from(values);
  if (all.every(Number.isFinite)) return undefined;
  // A non-finite term makes the total non-finite too: name the term, the gradient, and only then the total.
  const bad = [...all.keys()].slice(1).find((i) => !Number.isFinite(all[i])) ?? 0;
  const what = bad === 0 ? 'the total loss' : bad <= termNames.length ? `loss term '${termNames[bad - 1]}'` : 'the gradient';
  return new DivergenceError(`diverged at iteration ${iteration} (${optimizer}): ${what} is ${values[bad]}; parameters restored to the last finite ones`);
}
