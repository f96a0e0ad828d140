/**
 * Two-dimensional transforms on an n × n periodic grid, row-major (index iy·n + ix), as 1D
 * transforms (fft.ts) along rows then columns. Spectra are normalised like toSpectrum:
 *   u[iy, ix] = Σ_{my, mx} c[my, mx] e^{2πi (my·iy + mx·ix)/n}.
 */
import { toGrid, toSpectrum } from './fft';

function alongBoth(re: Float64Array, im: Float64Array, n: number, transform: (re: Float64Array, im: Float64Array) => void): void {
  if (re.length !== n * n || im.length !== n * n) throw new RangeError(`fft2d: arrays of ${re.length} and ${im.length} entries, expected ${n}² = ${n * n}`);
  for (let row = 0; row < n; row++) transform(re.subarray(row * n, (row + 1) * n), im.subarray(row * n, (row + 1) * n));
  const colRe = new Float64Array(n);
  const colIm = new Float64Array(n);
  for (let col = 0; col < n; col++) {
    for (let i = 0; i < n; i++) {
      colRe[i] = re[i * n + col];
      colIm[i] = im[i * n + col];
    }
    transform(colRe, colIm);
    for (let i = 0; i < n; i++) {
      re[i * n + col] = colRe[i];
      im[i * n + col] = colIm[i];
    }
  }
}

/** Grid values → normalised 2D spectrum, in place. */
export function toSpectrum2d(re: Float64Array, im: Float64Array, n: number): void {
  alongBoth(re, im, n, toSpectrum);
}

/** Normalised 2D spectrum → grid values, in place. */
export function toGrid2d(re: Float64Array, im: Float64Array, n: number): void {
  alongBoth(re, im, n, toGrid);
}
