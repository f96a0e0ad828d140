import type { AuxiliaryField } from '../protocol/service';

/**
 * The life cycle every method shares: create (init) → step … → predict / parameters → dispose.
 * The runner drives it; a method knows nothing of budgets, pausing, files or the UI.
 */

export interface StepReport {
  optimizer: string;
  loss: number;
  terms: Record<string, number>;
  /** A line worth showing the user, e.g. why an optimizer stopped early. */
  note?: string;
  /** Products with the Krylov operator this step spent (CPINN's CGD/ACGD). */
  krylovIterations?: number;
}

export interface SavedParameters {
  shapes: [number, number][];
  values: number[][];
}

export interface SolverMethod {
  readonly totalIterations: number;
  readonly iteration: number;
  readonly finished: boolean;
  /** One optimizer iteration. Throws DivergenceError (parameters restored) on NaN/Inf. */
  step(): StepReport;
  /** Predicted values of every unknown at n points (row-major n×d float64). */
  predict(points: Float64Array): Float32Array[];
  parameters(): SavedParameters;
  /** Extra fields at n points for the field view (CPINN: the discriminator's outputs). */
  auxiliaryFields?(points: Float64Array): AuxiliaryField[];
  dispose(): void;
}

export class DivergenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DivergenceError';
  }
}

/**
 * The divergence in a step's read-back [loss, terms…, (gradient sum)], if any: names the
 * iteration, the optimizer and the first non-finite entry.
 */
export function findDivergence(values: ArrayLike<number>, termNames: readonly string[], iteration: number, optimizer: string): DivergenceError | undefined {
  const bad = Array.from(values).findIndex((v) => !Number.isFinite(v));
  if (bad < 0) return undefined;
  const what = bad === 0 ? 'the total loss' : bad <= termNames.length ? `loss term '${termNames[bad - 1]}'` : 'the gradient';
  return new DivergenceError(`diverged at iteration ${iteration} (${optimizer}): ${what} is ${values[bad]}; parameters restored to the last finite ones`);
}
