/**
 * A periodic field sampled in time: Fourier spectra c_k and their time derivatives d_k = ∂_t c_k
 * at uniformly spaced times t_k = kΔ. Between snapshots the spectrum is the cubic Hermite
 * interpolant (error O(Δ⁴) uniformly in t), and in space the trigonometric interpolant
 *   f(x) = Σ_m c_m e^{i k_m (x − a)},  k_m = 2π m / P,  m = −N/2 … N/2,
 * with the Nyquist mode split evenly between ±N/2 (so real data stay real). This is the standard
 * dense output of a pseudo-spectral method (e.g. Trefethen, Spectral Methods in MATLAB, ch. 3).
 */
import { complexVector, copyComplex, type ComplexVector } from './etdrk4';

export interface SpectralHistory {
  /** Left end a and period P of the spatial interval [a, a + P). */
  left: number;
  period: number;
  /** Snapshot spacing Δ; snapshot k is at time kΔ. */
  interval: number;
  /** Normalised spectra (the DFT divided by N) in FFT order, one per snapshot. */
  values: ComplexVector[];
  derivatives: ComplexVector[];
}

/**
 * Dense output by re-integration: the value at t is the nearest snapshot advanced by t − t_k
 * (forward or backward: the scheme must be reversible) with the solver's own step, so it is as
 * accurate as the stored snapshots. Needed where the linear part is
 * dispersive: its high modes rotate too fast for any interpolation in time. Caches the last t.
 */
export function spectralRestartEvaluator(
  history: SpectralHistory,
  advance: (v: ComplexVector, tau: number) => void,
  name: string,
): (x: number, t: number) => [number, number] {
  const { values, interval } = history;
  const tEnd = interval * (values.length - 1);
  let cachedT = Number.NaN;
  let spectrum = values[0];
  return (x, t) => {
    if (t !== cachedT) {
      if (!(t >= -1e-12 && t <= tEnd + 1e-12)) throw new RangeError(`${name}: t = ${t} is outside [0, ${tEnd}]`);
      const j = Math.min(Math.max(Math.round(t / interval), 0), values.length - 1);
      const tau = t - j * interval;
      spectrum = values[j];
      if (Math.abs(tau) > 1e-15 * Math.max(1, t)) {
        spectrum = copyComplex(values[j]);
        advance(spectrum, tau);
      }
      cachedT = t;
    }
    return trigonometricInterpolant(spectrum, (2 * Math.PI * (x - history.left)) / history.period);
  };
}

/** Returns a function giving the complex value at (x, t); it caches the spectrum of the last t. */
export function spectralHistoryEvaluator(history: SpectralHistory, name: string): (x: number, t: number) => [number, number] {
  const { values, derivatives, interval } = history;
  const n = values[0].re.length;
  const tEnd = interval * (values.length - 1);
  const spectrum = complexVector(n);
  let cachedT = Number.NaN;
  const prepare = (t: number) => {
    if (!(t >= -1e-12 && t <= tEnd + 1e-12)) throw new RangeError(`${name}: t = ${t} is outside [0, ${tEnd}]`);
    const j = Math.min(Math.max(Math.floor(t / interval), 0), values.length - 2);
    const s = t / interval - j;
    const h00 = (1 + 2 * s) * (1 - s) * (1 - s);
    const h10 = s * (1 - s) * (1 - s) * interval;
    const h01 = s * s * (3 - 2 * s);
    const h11 = s * s * (s - 1) * interval;
    const [c0, d0, c1, d1] = [values[j], derivatives[j], values[j + 1], derivatives[j + 1]];
    for (let m = 0; m < n; m++) {
      spectrum.re[m] = h00 * c0.re[m] + h10 * d0.re[m] + h01 * c1.re[m] + h11 * d1.re[m];
      spectrum.im[m] = h00 * c0.im[m] + h10 * d0.im[m] + h01 * c1.im[m] + h11 * d1.im[m];
    }
    cachedT = t;
  };
  return (x, t) => {
    if (t !== cachedT) prepare(t);
    return trigonometricInterpolant(spectrum, (2 * Math.PI * (x - history.left)) / history.period);
  };
}

/** Σ_m c_m e^{i m θ} over m = −N/2 … N/2 (Nyquist halved), for c in FFT order. */
export function trigonometricInterpolant(c: ComplexVector, theta: number): [number, number] {
  const n = c.re.length;
  const half = n >> 1;
  let sumRe = c.re[0];
  let sumIm = c.im[0];
  const stepRe = Math.cos(theta);
  const stepIm = Math.sin(theta);
  let zRe = 1;
  let zIm = 0;
  for (let m = 1; m < half; m++) {
    if ((m & 63) === 0) {
      zRe = Math.cos(m * theta);
      zIm = Math.sin(m * theta);
    } else {
      const r = zRe * stepRe - zIm * stepIm;
      zIm = zRe * stepIm + zIm * stepRe;
      zRe = r;
    }
    const pr = c.re[m];
    const pi = c.im[m];
    const nr = c.re[n - m];
    const ni = c.im[n - m];
    // c_m e^{imθ} + c_{−m} e^{−imθ}
    sumRe += (pr + nr) * zRe - (pi - ni) * zIm;
    sumIm += (pi + ni) * zRe + (pr - nr) * zIm;
  }
  if (half > 0 && n > 1) {
    const cosNyquist = Math.cos(half * theta);
    sumRe += c.re[half] * cosNyquist;
    sumIm += c.im[half] * cosNyquist;
  }
  return [sumRe, sumIm];
}

export interface HistoryRecording {
  left: number;
  period: number;
  /** Initial normalised spectrum; it is advanced in place. */
  state: ComplexVector;
  step: (v: ComplexVector) => void;
  /** Writes ∂_t v (from the PDE) into out. */
  timeDerivative: (v: ComplexVector, out: ComplexVector) => void;
  stepsPerSnapshot: number;
  /** Number of intervals between snapshots; snapshotCount + 1 snapshots are stored. */
  snapshotCount: number;
  dt: number;
}

export function recordSpectralHistory(r: HistoryRecording): SpectralHistory {
  const n = r.state.re.length;
  const snapshot = (): [ComplexVector, ComplexVector] => {
    const value = copyComplex(r.state);
    const derivative = complexVector(n);
    r.timeDerivative(r.state, derivative);
    return [value, derivative];
  };
  const values: ComplexVector[] = [];
  const derivatives: ComplexVector[] = [];
  for (let k = 0; k <= r.snapshotCount; k++) {
    if (k > 0) for (let s = 0; s < r.stepsPerSnapshot; s++) r.step(r.state);
    const [value, derivative] = snapshot();
    values.push(value);
    derivatives.push(derivative);
  }
  return { left: r.left, period: r.period, interval: r.dt * r.stepsPerSnapshot, values, derivatives };
}
