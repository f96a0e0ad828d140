/**
 * Float64 activations with four derivatives, elementwise over arrays. The third derivative is
 * what the reverse pass through a second-derivative channel needs,
 *   a_ij = σ''(z) z_i z_j + σ'(z) z_ij  ⇒  ∂a_ij/∂z = σ'''(z) z_i z_j + σ''(z) z_ij,
 * and the fourth what the tangent of that reverse pass (exact Hessian–vector products) needs.
 *
 *   tanh:     σ' = 1 − t² =: d,  σ'' = −2 t d,  σ''' = −2 d (1 − 3t²),  σ'''' = 8 t d (2 − 3t²)
 *   sin:      σ' = cos,  σ'' = −sin,  σ''' = −cos,  σ'''' = sin
 *   sigmoid:  σ' = s(1 − s) =: d,  σ'' = d (1 − 2s),  σ''' = d (1 − 6s + 6s²),
 *             σ'''' = d (1 − 2s)(1 − 12s + 12s²)
 *   softplus: σ' = s,  σ'' = d,  σ''' = d (1 − 2s),  σ'''' = d (1 − 6s + 6s²)
 */
/** σ and its first four derivatives at z, in that order. */
export type ScalarJet4 = (z: number) => [number, number, number, number, number];

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export const ACTIVATIONS64: Readonly<Record<string, ScalarJet4>> = {
  tanh(z) {
    const t = Math.tanh(z);
    const d = 1 - t * t;
    return [t, d, -2 * t * d, -2 * d * (1 - 3 * t * t), 8 * t * d * (2 - 3 * t * t)];
  },
  sin(z) {
    const s = Math.sin(z);
    const c = Math.cos(z);
    return [s, c, -s, -c, s];
  },
  sigmoid(z) {
    const s = sigmoid(z);
    const d = s * (1 - s);
    return [s, d, d * (1 - 2 * s), d * (1 - 6 * s + 6 * s * s), d * (1 - 2 * s) * (1 - 12 * s + 12 * s * s)];
  },
  softplus(z) {
    const s = sigmoid(z);
    const d = s * (1 - s);
    return [z > 30 ? z : Math.log1p(Math.exp(z)), s, d, d * (1 - 2 * s), d * (1 - 6 * s + 6 * s * s)];
  },
};

export function activation64(name: string): ScalarJet4 {
  const f = ACTIVATIONS64[name];
  if (!f) throw new Error(`unknown activation '${name}' (known: ${Object.keys(ACTIVATIONS64).join(', ')}})`);
  return f;
}

/** Derivative arrays σ^(k)(z) for k = 0..order over a whole array (d3, d4 only when order asks). */
export interface ActivationArrays {
  value: Float64Array;
  d1: Float64Array;
  d2: Float64Array;
  d3: Float64Array | undefined;
  d4: Float64Array | undefined;
}

export function evaluateActivation(f: ScalarJet4, z: Float64Array, length: number, order: 2 | 3 | 4): ActivationArrays {
  const value = new Float64Array(length);
  const d1 = new Float64Array(length);
  const d2 = new Float64Array(length);
  const d3 = order >= 3 ? new Float64Array(length) : undefined;
  const d4 = order >= 4 ? new Float64Array(length) : undefined;
  for (let e = 0; e < length; e++) {
    const [s0, s1, s2, s3, s4] = f(z[e]);
    value[e] = s0;
    d1[e] = s1;
    d2[e] = s2;
    if (d3) d3[e] = s3;
    if (d4) d4[e] = s4;
  }
  return { value, d1, d2, d3, d4 };
}
