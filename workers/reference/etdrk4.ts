/**
 * ETDRK4, the fourth-order exponential time-differencing Runge–Kutta scheme of Cox & Matthews
 * (J. Comput. Phys. 176, 2002) for a diagonal stiff system v_t = L v + N(v), with the
 * φ-function coefficients evaluated by contour integrals as in Kassam & Trefethen, "Fourth-order
 * time-stepping for stiff PDEs" (SIAM J. Sci. Comput. 26, 2005):
 *   a = E₂v + Q N(v),  b = E₂v + Q N(a),  c = E₂a + Q (2N(b) − N(v)),
 *   v ← E v + f₁ N(v) + 2 f₂ (N(a) + N(b)) + f₃ N(c),
 * with z = hL:  E = e^z,  E₂ = e^{z/2},  Q = h (e^{z/2} − 1)/z,
 *   f₁ = h (−4 − z + e^z (4 − 3z + z²))/z³,  f₂ = h (2 + z + e^z (z − 2))/z³,
 *   f₃ = h (−4 − 3z − z² + e^z (4 − z))/z³,
 * each evaluated as the mean over M points of a circle of radius 1 around z (Cauchy's formula),
 * which avoids the cancellation of these closed forms at small |z|. L may be complex (the full circle is used), so the same code serves heat, Allen–Cahn and
 * Schrödinger operators. Global error O(h⁴).
 */

/** A complex vector as separate real and imaginary parts. */
export interface ComplexVector {
  re: Float64Array;
  im: Float64Array;
}

/** Writes N(v) into out; v is a Fourier spectrum and must not be modified. */
export type SpectralNonlinearity = (v: ComplexVector, out: ComplexVector) => void;

export interface Etdrk4Coefficients {
  e: ComplexVector;
  e2: ComplexVector;
  q: ComplexVector;
  f1: ComplexVector;
  f2: ComplexVector;
  f3: ComplexVector;
}

export function complexVector(n: number): ComplexVector {
  return { re: new Float64Array(n), im: new Float64Array(n) };
}

export function copyComplex(v: ComplexVector): ComplexVector {
  return { re: Float64Array.from(v.re), im: Float64Array.from(v.im) };
}

type Complex = [number, number];
const cmul = (a: Complex, b: Complex): Complex => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const cdiv = (a: Complex, b: Complex): Complex => {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
};
const cexp = (a: Complex): Complex => {
  const m = Math.exp(a[0]);
  return [m * Math.cos(a[1]), m * Math.sin(a[1])];
};

/** Coefficients for step h and the diagonal operator L (given by real and imaginary parts). */
export function etdrk4Coefficients(lRe: Float64Array, lIm: Float64Array, h: number, contourPoints = 32): Etdrk4Coefficients {
  const n = lRe.length;
  const [e, e2, q, f1, f2, f3] = Array.from({ length: 6 }, () => complexVector(n));
  const set = (v: ComplexVector, i: number, z: Complex) => {
    v.re[i] = z[0];
    v.im[i] = z[1];
  };
  for (let i = 0; i < n; i++) {
    const hl: Complex = [h * lRe[i], h * lIm[i]];
    set(e, i, cexp(hl));
    set(e2, i, cexp([hl[0] / 2, hl[1] / 2]));
    const sums: Complex[] = [[0, 0], [0, 0], [0, 0], [0, 0]];
    for (let j = 0; j < contourPoints; j++) {
      const angle = (2 * Math.PI * (j + 0.5)) / contourPoints;
      const z: Complex = [hl[0] + Math.cos(angle), hl[1] + Math.sin(angle)];
      const z2 = cmul(z, z);
      const z3 = cmul(z2, z);
      const ez = cexp(z);
      const ezHalf = cexp([z[0] / 2, z[1] / 2]);
      const terms: Complex[] = [
        cdiv([ezHalf[0] - 1, ezHalf[1]], z),
        cdiv(add([-4 - z[0], -z[1]], cmul(ez, [4 - 3 * z[0] + z2[0], -3 * z[1] + z2[1]])), z3),
        cdiv(add([2 + z[0], z[1]], cmul(ez, [-2 + z[0], z[1]])), z3),
        cdiv(add([-4 - 3 * z[0] - z2[0], -3 * z[1] - z2[1]], cmul(ez, [4 - z[0], -z[1]])), z3),
      ];
      for (let t = 0; t < 4; t++) sums[t] = add(sums[t], terms[t]);
    }
    const scale = h / contourPoints;
    set(q, i, [sums[0][0] * scale, sums[0][1] * scale]);
    set(f1, i, [sums[1][0] * scale, sums[1][1] * scale]);
    set(f2, i, [sums[2][0] * scale, sums[2][1] * scale]);
    set(f3, i, [sums[3][0] * scale, sums[3][1] * scale]);
  }
  return { e, e2, q, f1, f2, f3 };
}

function add(a: Complex, b: Complex): Complex {
  return [a[0] + b[0], a[1] + b[1]];
}

/** Reusable stepper: advances v in place by one step of the size the coefficients were built for. */
export function etdrk4Stepper(coefficients: Etdrk4Coefficients, nonlinearity: SpectralNonlinearity): (v: ComplexVector) => void {
  const { e, e2, q, f1, f2, f3 } = coefficients;
  const n = e.re.length;
  const [nv, a, na, b, nb, c, nc] = Array.from({ length: 7 }, () => complexVector(n));
  return (v) => {
    nonlinearity(v, nv);
    for (let i = 0; i < n; i++) {
      a.re[i] = e2.re[i] * v.re[i] - e2.im[i] * v.im[i] + q.re[i] * nv.re[i] - q.im[i] * nv.im[i];
      a.im[i] = e2.re[i] * v.im[i] + e2.im[i] * v.re[i] + q.re[i] * nv.im[i] + q.im[i] * nv.re[i];
    }
    nonlinearity(a, na);
    for (let i = 0; i < n; i++) {
      b.re[i] = e2.re[i] * v.re[i] - e2.im[i] * v.im[i] + q.re[i] * na.re[i] - q.im[i] * na.im[i];
      b.im[i] = e2.re[i] * v.im[i] + e2.im[i] * v.re[i] + q.re[i] * na.im[i] + q.im[i] * na.re[i];
    }
    nonlinearity(b, nb);
    for (let i = 0; i < n; i++) {
      const gr = 2 * nb.re[i] - nv.re[i];
      const gi = 2 * nb.im[i] - nv.im[i];
      c.re[i] = e2.re[i] * a.re[i] - e2.im[i] * a.im[i] + q.re[i] * gr - q.im[i] * gi;
      c.im[i] = e2.re[i] * a.im[i] + e2.im[i] * a.re[i] + q.re[i] * gi + q.im[i] * gr;
    }
    nonlinearity(c, nc);
    for (let i = 0; i < n; i++) {
      const sr = na.re[i] + nb.re[i];
      const si = na.im[i] + nb.im[i];
      const vr = v.re[i];
      const vi = v.im[i];
      v.re[i] = e.re[i] * vr - e.im[i] * vi
        + f1.re[i] * nv.re[i] - f1.im[i] * nv.im[i]
        + 2 * (f2.re[i] * sr - f2.im[i] * si)
        + f3.re[i] * nc.re[i] - f3.im[i] * nc.im[i];
      v.im[i] = e.re[i] * vi + e.im[i] * vr
        + f1.re[i] * nv.im[i] + f1.im[i] * nv.re[i]
        + 2 * (f2.re[i] * si + f2.im[i] * sr)
        + f3.re[i] * nc.im[i] + f3.im[i] * nc.re[i];
    }
  };
}
