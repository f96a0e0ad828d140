/**
 * The float64 least-squares kernel of a TENG iteration (Chen et al., ICML 2024, eq. 7): the
 * parameter update δ minimising ‖A δ − r‖² over a subset of the parameters, by the normal
 * equations with Tikhonov damping,
 *   (AᵀA + λ I) δ = Aᵀ r,   λ = ρ · max diag(AᵀA),
 * solved by Cholesky. The subset Jacobian is numerically rank-deficient, so the undamped problem
 * (plain QR / lstsq) amplifies rounding; ρ = 1e-10 keeps the solve stable while costing only
 * ~ρ relative accuracy. If the factorisation still meets a non-positive pivot, ρ grows ×100.
 * Cost: rows·cols² for AᵀA (one accumulateOuter, WebAssembly SIMD where available) + cols³/3.
 */
import { accumulateOuter } from '../../float64/denseKernels';

export interface LeastSquaresSolution {
  delta: Float64Array;
  /** The damping ρ actually used (relative to max diag AᵀA). */
  relativeDamping: number;
}

/** In place: the lower Cholesky factor of the symmetric positive definite n×n matrix g (row-major). False at a non-positive pivot. */
export function choleskyInPlace(g: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let d = g[rowJ + j];
    for (let k = 0; k < j; k++) d -= g[rowJ + k] * g[rowJ + k];
    if (!(d > 0)) return false;
    const pivot = Math.sqrt(d);
    g[rowJ + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = g[rowI + j];
      for (let k = 0; k < j; k++) s -= g[rowI + k] * g[rowJ + k];
      g[rowI + j] = s / pivot;
    }
  }
  return true;
}

/** Solves L Lᵀ x = b in place in b, for the factor of choleskyInPlace. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * b[k];
    b[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
}

/** δ minimising ‖A δ − r‖² + λ‖δ‖², A rows × cols row-major. */
export function dampedLeastSquares(a: Float64Array, rows: number, cols: number, r: Float64Array, relativeDamping = 1e-10): LeastSquaresSolution {
  if (a.length !== rows * cols) throw new RangeError(`dampedLeastSquares: A has ${a.length} entries, expected ${rows} × ${cols}`);
  if (r.length !== rows) throw new RangeError(`dampedLeastSquares: r has ${r.length} entries, expected ${rows}`);
  const gram = new Float64Array(cols * cols);
  accumulateOuter(a, rows, cols, a, cols, gram, 0);
  const rhs = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const ri = r[i];
    if (ri === 0) continue;
    const row = i * cols;
    for (let j = 0; j < cols; j++) rhs[j] += a[row + j] * ri;
  }
  let maxDiagonal = 0;
  for (let j = 0; j < cols; j++) maxDiagonal = Math.max(maxDiagonal, gram[j * cols + j]);
  if (maxDiagonal === 0) return { delta: new Float64Array(cols), relativeDamping };
  for (let rho = relativeDamping; rho <= 1; rho *= 100) {
    const factor = Float64Array.from(gram);
    for (let j = 0; j < cols; j++) factor[j * cols + j] += rho * maxDiagonal;
    if (!choleskyInPlace(factor, cols)) continue;
    const delta = Float64Array.from(rhs);
    choleskySolve(factor, cols, delta);
    return { delta, relativeDamping: rho };
  }
  throw new Error('dampedLeastSquares: the normal equations stayed indefinite with damping up to max diag(AᵀA) (non-finite Jacobian?)');
}
