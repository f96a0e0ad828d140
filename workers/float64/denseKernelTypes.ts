/** The matrix kernels of the float64 jet passes; one JavaScript and one WebAssembly SIMD implementation. */
export interface DenseKernels {
  /** out[r, :] += Σ_i a[r, i] · w[i, :]   (a: rows × inner, w: inner × cols at wOffset). */
  multiplyAdd(a: Float64Array, rows: number, inner: number, w: Float64Array, wOffset: number, cols: number, out: Float64Array): void;
  /** out[r, i] = Σ_j g[r, j] · w[i, j]   (g · wᵀ, the adjoint of a layer's input). */
  multiplyTransposed(g: Float64Array, rows: number, cols: number, w: Float64Array, wOffset: number, inner: number, out: Float64Array): void;
  /** out[i, j] += Σ_r a[r, i] · g[r, j]   (aᵀ · g, a weight gradient), out at outOffset. */
  accumulateOuter(a: Float64Array, rows: number, inner: number, g: Float64Array, cols: number, out: Float64Array, outOffset: number): void;
}
