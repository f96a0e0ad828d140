/**
 * Krylov solvers for A s = b with A given only as a product v ↦ A v (Saad, "Iterative Methods for
 * Sparse Linear Systems", 2003): conjugate gradients for symmetric positive-definite A (§6.7) and
 * GMRES without restart for general A (§6.5, Arnoldi with modified Gram–Schmidt and Givens
 * rotations). Both stop when ‖b − A s‖ ≤ tol·‖b‖ or after maxIterations products, and start from
 * a warm guess s₀ when one is given (the previous step's solution, in CGD).
 */

export type LinearOperator = (v: Float64Array) => Float64Array;

export interface KrylovOptions {
  /** Relative residual: stop once ‖b − A s‖ ≤ tol·‖b‖. */
  tol: number;
  /** Most products with A (the warm start's residual not counted). */
  maxIterations: number;
  /** Starting guess; zero when absent. */
  initial?: Float64Array;
}

export interface KrylovResult {
  solution: Float64Array;
  /** Products with A spent on the iteration. */
  iterations: number;
  /** ‖b − A s‖ / ‖b‖ at the end (the recurrence's estimate). */
  relativeResidual: number;
  converged: boolean;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** y += alpha·x */
export function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += alpha * x[i];
}

function startingResidual(apply: LinearOperator, b: Float64Array, initial: Float64Array | undefined): { s: Float64Array; r: Float64Array } {
  if (!initial) return { s: new Float64Array(b.length), r: Float64Array.from(b) };
  if (initial.length !== b.length) throw new Error(`initial: length ${initial.length}, the system has ${b.length} unknowns`);
  const s = Float64Array.from(initial);
  const as = apply(s);
  return { s, r: b.map((v, i) => v - as[i]) };
}

/** Conjugate gradients; A must be symmetric positive definite. */
export function conjugateGradient(apply: LinearOperator, b: Float64Array, { tol, maxIterations, initial }: KrylovOptions): KrylovResult {
  const bNorm = Math.sqrt(dot(b, b));
  if (bNorm === 0) return { solution: new Float64Array(b.length), iterations: 0, relativeResidual: 0, converged: true };
  const { s, r } = startingResidual(apply, b, initial);
  const target = tol * bNorm;
  let rr = dot(r, r);
  const p = Float64Array.from(r);
  let iterations = 0;
  while (Math.sqrt(rr) > target && iterations < maxIterations) {
    const ap = apply(p);
    iterations++;
    const alpha = rr / dot(p, ap);
    axpy(alpha, p, s);
    axpy(-alpha, ap, r);
    const next = dot(r, r);
    const beta = next / rr;
    rr = next;
    for (let i = 0; i < p.length; i++) p[i] = r[i] + beta * p[i];
  }
  const relativeResidual = Math.sqrt(rr) / bNorm;
  return { solution: s, iterations, relativeResidual, converged: relativeResidual <= tol };
}

/** GMRES without restart: the Krylov basis grows by one vector per product. */
export function gmres(apply: LinearOperator, b: Float64Array, { tol, maxIterations, initial }: KrylovOptions): KrylovResult {
  const bNorm = Math.sqrt(dot(b, b));
  if (bNorm === 0) return { solution: new Float64Array(b.length), iterations: 0, relativeResidual: 0, converged: true };
  const { s, r } = startingResidual(apply, b, initial);
  const beta0 = Math.sqrt(dot(r, r));
  if (beta0 <= tol * bNorm) return { solution: s, iterations: 0, relativeResidual: beta0 / bNorm, converged: true };
  const basis: Float64Array[] = [r.map((v) => v / beta0)];
  // Columns of the Hessenberg matrix, already rotated to upper triangular form.
  const h: Float64Array[] = [];
  const cs: number[] = [];
  const sn: number[] = [];
  const g: number[] = [beta0];
  let residual = beta0;
  let k = 0;
  while (k < maxIterations && residual > tol * bNorm) {
    const w = apply(basis[k]);
    const column = new Float64Array(k + 2);
    for (let i = 0; i <= k; i++) {
      column[i] = dot(w, basis[i]);
      axpy(-column[i], basis[i], w);
    }
    const wNorm = Math.sqrt(dot(w, w));
    column[k + 1] = wNorm;
    for (let i = 0; i < k; i++) {
      const t = cs[i] * column[i] + sn[i] * column[i + 1];
      column[i + 1] = -sn[i] * column[i] + cs[i] * column[i + 1];
      column[i] = t;
    }
    const radius = Math.hypot(column[k], column[k + 1]);
    cs.push(column[k] / radius);
    sn.push(column[k + 1] / radius);
    column[k] = radius;
    column[k + 1] = 0;
    g.push(-sn[k] * g[k]);
    g[k] = cs[k] * g[k];
    residual = Math.abs(g[k + 1]);
    h.push(column);
    // wNorm = 0 is a lucky breakdown: the residual is then zero and the loop ends.
    basis.push(wNorm > 0 ? w.map((v) => v / wNorm) : w);
    k++;
  }
  // Back substitution for the coefficients y of the basis: R y = g.
  const y = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let t = g[i];
    for (let j = i + 1; j < k; j++) t -= h[j][i] * y[j];
    y[i] = t / h[i][i];
  }
  for (let j = 0; j < k; j++) axpy(y[j], basis[j], s);
  return { solution: s, iterations: k, relativeResidual: residual / bNorm, converged: residual <= tol * bNorm };
}
