/**
 * Eigenvalues and eigenvectors of a small dense symmetric matrix by cyclic Jacobi rotations
 * (Golub & Van Loan, Matrix Computations, §8.5): each rotation zeroes one off-diagonal pair;
 * sweeps repeat until the off-diagonal mass is negligible. Quadratic convergence; fine up to a
 * few hundred rows.
 */

export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  values: Float64Array;
  /** Column k of this row-major matrix (n×n, or n×count from topEigenpairs) is the unit eigenvector of values[k]. */
  vectors: Float64Array;
}

const MAX_SWEEPS = 60;

/** `a` is n×n row-major and symmetric; it is not modified. */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += m[i] * m[i];
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q] * m[p * n + q];
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p];
          const mkq = m[k * n + q];
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k];
          const mqk = m[q * n + k];
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[j * n + j] - m[i * n + i]);
  const values = Float64Array.from(order, (i) => m[i * n + i]);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    for (let k = 0; k < n; k++) vectors[k * n + to] = v[k * n + from];
  });
  return { values, vectors };
}

/**
 * The `count` largest eigenpairs of a symmetric positive semi-definite n×n matrix by subspace
 * iteration with Rayleigh–Ritz (Saad, Numerical Methods for Large Eigenvalue Problems, §5.2):
 * Q ← orth(A·Q) with a few extra columns, until the Ritz values settle. O(n²) per iteration
 * instead of Jacobi's O(n³) per sweep, for Gram matrices of a few hundred snapshots.
 */
export function topEigenpairs(a: Float64Array, n: number, count: number): SymmetricEigen {
  const b = Math.min(n, count + 4);
  if (n <= 24) {
    const full = symmetricEigen(a, n);
    const vectors = new Float64Array(n * count);
    for (let i = 0; i < n; i++) for (let k = 0; k < count; k++) vectors[i * count + k] = full.vectors[i * n + k];
    return { values: full.values.slice(0, count), vectors };
  }
  // Columns of Q stored as rows of q (b × n) for contiguous access.
  let q = Float64Array.from({ length: b * n }, (_, i) => Math.sin(1 + i * 0.618) + Math.cos(i * 1.7 + (i % n)));
  orthonormalise(q, b, n);
  let previous = new Float64Array(b);
  let ritz: SymmetricEigen = { values: new Float64Array(b), vectors: new Float64Array(b * b) };
  for (let iteration = 0; iteration < 500; iteration++) {
    const aq = new Float64Array(b * n);
    for (let c = 0; c < b; c++) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += a[i * n + j] * q[c * n + j];
        aq[c * n + i] = s;
      }
    }
    // Rayleigh–Ritz: T = Qᵀ A Q, diagonalised; the new basis is (A Q) rotated by T's eigenvectors.
    const t = new Float64Array(b * b);
    for (let r = 0; r < b; r++) for (let c = 0; c < b; c++) t[r * b + c] = dotRows(q, r, aq, c, n);
    for (let r = 0; r < b; r++) for (let c = r + 1; c < b; c++) t[r * b + c] = t[c * b + r] = (t[r * b + c] + t[c * b + r]) / 2;
    ritz = symmetricEigen(t, b);
    const rotated = new Float64Array(b * n);
    for (let c = 0; c < b; c++) for (let r = 0; r < b; r++) {
      const w = ritz.vectors[r * b + c];
      if (w !== 0) for (let i = 0; i < n; i++) rotated[c * n + i] += w * q[r * n + i];
    }
    const converged = ritz.values.slice(0, count).every((v, k) => Math.abs(v - previous[k]) <= 1e-13 * Math.abs(ritz.values[0]));
    previous = Float64Array.from(ritz.values);
    if (converged) {
      q = rotated;
      break;
    }
    q = new Float64Array(b * n);
    for (let c = 0; c < b; c++) for (let r = 0; r < b; r++) {
      const w = ritz.vectors[r * b + c];
      if (w !== 0) for (let i = 0; i < n; i++) q[c * n + i] += w * aq[r * n + i];
    }
    orthonormalise(q, b, n);
  }
  const vectors = new Float64Array(n * count);
  for (let i = 0; i < n; i++) for (let k = 0; k < count; k++) vectors[i * count + k] = q[k * n + i];
  return { values: ritz.values.slice(0, count), vectors };
}

function dotRows(x: Float64Array, r: number, y: Float64Array, c: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[r * n + i] * y[c * n + i];
  return s;
}

/** Modified Gram–Schmidt on the rows; a row that vanishes is replaced by a fresh deterministic one. */
function orthonormalise(q: Float64Array, rows: number, n: number): void {
  for (let r = 0; r < rows; r++) {
    for (let attempt = 0; attempt < 3; attempt++) {
      for (let p = 0; p < r; p++) {
        const s = dotRows(q, r, q, p, n);
        for (let i = 0; i < n; i++) q[r * n + i] -= s * q[p * n + i];
      }
      const norm = Math.sqrt(dotRows(q, r, q, r, n));
      if (norm > 1e-150) {
        for (let i = 0; i < n; i++) q[r * n + i] /= norm;
        break;
      }
      for (let i = 0; i < n; i++) q[r * n + i] = Math.sin(7.3 * (r + 1) * (i + 1) + attempt);
    }
  }
}
