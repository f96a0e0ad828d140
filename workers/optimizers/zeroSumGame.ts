/**
 * A two-player zero-sum game min_y max_x L(x, y), seen from its current point: the value, both
 * gradients, and the mixed second derivatives as products (what competitive gradient descent
 * needs; Schäfer & Anandkumar, "Competitive Gradient Descent", NeurIPS 2019).
 * x is the maximising player (CPINN: the discriminator), y the minimising one (the PINN).
 */
export interface ZeroSumGamePoint {
  value: number;
  /** ∇ₓL. */
  gradMax: Float64Array;
  /** ∇ᵧL. */
  gradMin: Float64Array;
  /** D²ₓᵧL · v for v in the minimising player's space. */
  mixedMaxMin(vMin: Float64Array): Float64Array;
  /** D²ᵧₓL · v for v in the maximising player's space (the transpose of mixedMaxMin). */
  mixedMinMax(vMax: Float64Array): Float64Array;
}

/** What one optimizer step does to the two players' parameters (added to them). */
export interface GameStep {
  deltaMax: Float64Array;
  deltaMin: Float64Array;
  /** Krylov products spent (0 for first-order methods). */
  krylovIterations: number;
  /** The Krylov solve's final ‖b − A s‖/‖b‖ (0 for first-order methods). */
  krylovResidual: number;
}
