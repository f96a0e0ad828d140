/**
 * Radix-2 complex fast Fourier transform (Cooley & Tukey 1965), iterative and in place on
 * separate real and imaginary arrays:
 *   forward  X_m = Σ_j x_j e^{−2πi jm/N},   inverse  x_j = (1/N) Σ_m X_m e^{+2πi jm/N}.
 * Twiddle factors are tabulated with Math.cos/Math.sin per index (no recurrence), so the
 * round-off grows like ε·log N.
 */

interface FftPlan {
  bitReverse: Uint32Array;
  cos: Float64Array;
  sin: Float64Array;
}

const plans = new Map<number, FftPlan>();

function plan(n: number): FftPlan {
  const cached = plans.get(n);
  if (cached) return cached;
  if (!Number.isInteger(n) || n < 1 || (n & (n - 1)) !== 0) {
    throw new RangeError(`fft: length ${n} must be a power of two`);
  }
  const bits = Math.round(Math.log2(n));
  const bitReverse = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    bitReverse[i] = r;
  }
  const half = n >> 1;
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = Math.sin((2 * Math.PI * k) / n);
  }
  const created = { bitReverse, cos, sin };
  plans.set(n, created);
  return created;
}

function transform(re: Float64Array, im: Float64Array, sign: 1 | -1): void {
  const n = re.length;
  if (im.length !== n) throw new RangeError(`fft: real part has ${n} entries, imaginary part ${im.length}`);
  const { bitReverse, cos, sin } = plan(n);
  for (let i = 0; i < n; i++) {
    const j = bitReverse[i];
    if (j > i) {
      const tr = re[i]; re[i] = re[j]; re[j] = tr;
      const ti = im[i]; im[i] = im[j]; im[j] = ti;
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const halfSize = size >> 1;
    const stride = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < halfSize; k++) {
        const wr = cos[k * stride];
        const wi = sign * sin[k * stride];
        const a = start + k;
        const b = a + halfSize;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}

/** Forward transform in place (no normalisation). */
export function fft(re: Float64Array, im: Float64Array): void {
  transform(re, im, -1);
}

/** Inverse transform in place, normalised by 1/N so that ifft(fft(x)) = x. */
export function ifft(re: Float64Array, im: Float64Array): void {
  transform(re, im, 1);
  const scale = 1 / re.length;
  for (let i = 0; i < re.length; i++) {
    re[i] *= scale;
    im[i] *= scale;
  }
}

/** Grid values → normalised spectrum c = DFT/N, in place (so that u_j = Σ_m c_m e^{2πi jm/N}). */
export function toSpectrum(re: Float64Array, im: Float64Array): void {
  transform(re, im, -1);
  const scale = 1 / re.length;
  for (let i = 0; i < re.length; i++) {
    re[i] *= scale;
    im[i] *= scale;
  }
}

/** Normalised spectrum → grid values, in place (the inverse of toSpectrum). */
export function toGrid(re: Float64Array, im: Float64Array): void {
  transform(re, im, 1);
}

/** Angular wavenumbers k_m = 2π m / period in FFT order (0, 1, …, N/2−1, −N/2, …, −1). */
export function wavenumbers(n: number, period: number): Float64Array {
  const k = new Float64Array(n);
  for (let m = 0; m < n; m++) k[m] = (2 * Math.PI * (m < n / 2 ? m : m - n)) / period;
  return k;
}
