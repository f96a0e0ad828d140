/**
 * Hessian–vector product of a scalar loss from its gradient, by a central difference along v:
 *
 *   H v ≈ (∇L(θ + h v̂) − ∇L(θ − h v̂)) / (2h) · ‖v‖,   v̂ = v / ‖v‖
 *
 * Truncation error is O(h² ‖∇³L‖) and rounding error O(ε ‖∇L‖ / h); h = ε^{1/3}·max(1, ‖θ‖∞)
 * (≈ 6e-6 for ε = 2.2e-16) balances the two, for a relative error of about 1e-10 to 1e-8 in
 * float64 (more where the gradient itself carries rounding error). The gradient is a black box
 * here, so an exact forward-over-reverse product is not possible at this interface; the exact
 * directional pieces available are jetTangent (J v) and jetBackward (Jᵀ w).
 * Cost: two gradient evaluations.
 */

export type LossGradient = (theta: Float64Array) => Float64Array;

export function hvp(lossGradient: LossGradient, theta: Float64Array, v: Float64Array): Float64Array {
  if (v.length !== theta.length) throw new Error(`v: length ${v.length}, theta has ${theta.length}`);
  let norm = 0;
  let scale = 1;
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
  for (let i = 0; i < theta.length; i++) scale = Math.max(scale, Math.abs(theta[i]));
  norm = Math.sqrt(norm);
  if (norm === 0) return new Float64Array(theta.length);
  const h = Math.cbrt(Number.EPSILON) * scale;
  const step = h / norm;
  const plus = Float64Array.from(theta, (t, i) => t + step * v[i]);
  const minus = Float64Array.from(theta, (t, i) => t - step * v[i]);
  const gPlus = lossGradient(plus);
  const gMinus = lossGradient(minus);
  return Float64Array.from(gPlus, (g, i) => (g - gMinus[i]) / (2 * step));
}
