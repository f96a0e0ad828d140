/** A parameter Jacobian with one row per point, seen through its two products. */
export interface PointJacobian {
  readonly rows: number;
  readonly parameterCount: number;
  /** J v: one value per point. */
  apply(v: Float64Array): Float64Array;
  /** Jᵀ w: a parameter-space vector. */
  applyTransposed(w: Float64Array): Float64Array;
}
