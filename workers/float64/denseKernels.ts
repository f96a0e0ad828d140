/**
 * Row-major float64 matrix kernels for the layer products of the jet passes. Rows are
 * (channel, point) pairs, so every channel of a layer goes through one product.
 */

/** out[r, :] (+)= Σ_i a[r, i] · w[i, :]   (a: rows × inner, w: inner × cols at wOffset). */
export function multiplyAdd(a: Float64Array, rows: number, inner: number, w: Float64Array, wOffset: number, cols: number, out: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    const ar = r * inner;
    const or = r * cols;
    for (let i = 0; i < inner; i++) {
      const s = a[ar + i];
      if (s === 0) continue;
      const wi = wOffset + i * cols;
      for (let j = 0; j < cols; j++) out[or + j] += s * w[wi + j];
    }
  }
}

/** out[r, i] = Σ_j g[r, j] · w[i, j]   (g · wᵀ, the adjoint of a layer's input). */
export function multiplyTransposed(g: Float64Array, rows: number, cols: number, w: Float64Array, wOffset: number, inner: number, out: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    const gr = r * cols;
    const or = r * inner;
    for (let i = 0; i < inner; i++) {
      const wi = wOffset + i * cols;
      let s = 0;
      for (let j = 0; j < cols; j++) s += g[gr + j] * w[wi + j];
      out[or + i] = s;
    }
  }
}

/** out[i, j] += Σ_r a[r, i] · g[r, j]   (aᵀ · g, a weight gradient), out at outOffset. */
export function accumulateOuter(a: Float64Array, rows: number, inner: number, g: Float64Array, cols: number, out: Float64Array, outOffset: number): void {
  for (let r = 0; r < rows; r++) {
    const ar = r * inner;
    const gr = r * cols;
    for (let i = 0; i < inner; i++) {
      const s = a[ar + i];
      if (s === 0) continue;
      const oi = outOffset + i * cols;
      for (let j = 0; j < cols; j++) out[oi + j] += s * g[gr + j];
    }
  }
}
