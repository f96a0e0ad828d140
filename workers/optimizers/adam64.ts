/**
 * Adam (Kingma & Ba, 2015) on a float64 parameter vector, the same update as adam.ts:
 *   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  θ ← θ − α·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε√(1−β₂ᵗ))
 */
import type { AdamSpec } from '../config/schema';

export interface Adam64State {
  step: number;
  m: Float64Array;
  v: Float64Array;
}

export function adam64Init(size: number): Adam64State {
  return { step: 0, m: new Float64Array(size), v: new Float64Array(size) };
}

/** Updates theta in place and returns the new state. */
export function adam64Update(spec: AdamSpec, state: Adam64State, theta: Float64Array, grad: Float64Array): Adam64State {
  const step = state.step + 1;
  const bc2 = 1 - spec.beta2 ** step;
  const stepSize = (spec.lr * Math.sqrt(bc2)) / (1 - spec.beta1 ** step);
  const epsilon = spec.epsilon * Math.sqrt(bc2);
  const m = new Float64Array(theta.length);
  const v = new Float64Array(theta.length);
  for (let i = 0; i < theta.length; i++) {
    m[i] = spec.beta1 * state.m[i] + (1 - spec.beta1) * grad[i];
    v[i] = spec.beta2 * state.v[i] + (1 - spec.beta2) * grad[i] * grad[i];
    theta[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) + epsilon);
  }
  return { step, m, v };
}
