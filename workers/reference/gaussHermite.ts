/**
 * Gauss–Hermite quadrature, ∫ f(z) e^{−z²} dz ≈ Σ_i w_i f(z_i) (Golub & Welsch, Math. Comp. 23,
 * 1969, for the Jacobi matrix; weights from the Christoffel formula):
 *   nodes: eigenvalues of the symmetric tridiagonal J with zero diagonal and off-diagonal √(k/2),
 *          found by Sturm-sequence bisection (every root to full precision, in any order),
 *          then one Newton step on the orthonormal Hermite polynomial p_n;
 *   weights: w_i = 1 / Σ_{k<n} p_k(z_i)², returned as logarithms because they underflow for
 *          n ≳ 400 (w ~ e^{−z²}).
 * Exact for polynomials of degree ≤ 2n − 1.
 */

export interface GaussHermiteRule {
  nodes: Float64Array;
  logWeights: Float64Array;
}

/** Number of eigenvalues of J below λ (the Sturm count of the shifted LDLᵀ pivots). */
function countBelow(n: number, lambda: number): number {
  let count = 0;
  let pivot = -lambda;
  if (pivot < 0) count++;
  for (let k = 1; k < n; k++) {
    const b2 = k / 2;
    pivot = -lambda - b2 / (pivot === 0 ? Number.MIN_VALUE : pivot);
    if (pivot < 0) count++;
  }
  return count;
}

/**
 * Orthonormal Hermite polynomials p_0 … p_{n−1}, p_n at z, with running rescaling so that large
 * |z| cannot overflow: returns p_n/p_{n−1}, and log Σ_{k<n} p_k².
 */
function hermiteAt(n: number, z: number): { ratio: number; logSumSquares: number } {
  let previous = 0;
  let current = Math.PI ** -0.25;
  let logScale = 0;
  let sumSquares = current * current;
  for (let k = 1; k <= n; k++) {
    const next = z * Math.sqrt(2 / k) * current - Math.sqrt((k - 1) / k) * previous;
    previous = current;
    current = next;
    if (k < n) sumSquares += current * current;
    const size = Math.abs(current);
    if (size > 1e100) {
      current /= size;
      previous /= size;
      sumSquares /= size * size;
      logScale += Math.log(size);
    }
  }
  return { ratio: current / previous, logSumSquares: Math.log(sumSquares) + 2 * logScale };
}

export function gaussHermite(n: number): GaussHermiteRule {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`gaussHermite: n = ${n} must be a positive integer`);
  const nodes = new Float64Array(n);
  const logWeights = new Float64Array(n);
  const bound = Math.sqrt(2 * n + 1) + 1;
  for (let i = 0; i < n; i++) {
    let lo = -bound;
    let hi = bound;
    // the (i+1)-th smallest eigenvalue: count(lo) ≤ i < count(hi)
    for (let iteration = 0; iteration < 200 && hi - lo > 4e-16 * Math.max(1, Math.abs(lo)); iteration++) {
      const mid = 0.5 * (lo + hi);
      if (countBelow(n, mid) > i) hi = mid;
      else lo = mid;
    }
    let z = 0.5 * (lo + hi);
    const { ratio } = hermiteAt(n, z);
    // p_n' = √(2n) p_{n−1}
    const correction = ratio / Math.sqrt(2 * n);
    if (Math.abs(correction) < hi - lo + 1e-14) z -= correction;
    nodes[i] = z;
    logWeights[i] = -hermiteAt(n, z).logSumSquares;
  }
  return { nodes, logWeights };
}
