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
  dispose(): void;
}

export class DivergenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DivergenceError';
  }
}
