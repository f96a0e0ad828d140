import { describe, expect, it } from 'vitest';
import { fft, ifft, wavenumbers } from '../../../workers/reference/fft';

function naiveDft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let m = 0; m < n; m++) {
    for (let j = 0; j < n; j++) {
      const angle = (-2 * Math.PI * ((j * m) % n)) / n;
      outRe[m] += re[j] * Math.cos(angle) - im[j] * Math.sin(angle);
      outIm[m] += re[j] * Math.sin(angle) + im[j] * Math.cos(angle);
    }
  }
  return [outRe, outIm];
}

function pseudoRandom(n: number, seed: number): Float64Array {
  let state = seed;
  return Float64Array.from({ length: n }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  });
}

const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('radix-2 FFT', () => {
  it.each([1, 2, 8, 64, 256])('matches the naive DFT for N = %i', (n) => {
    const re = pseudoRandom(n, 7 + n);
    const im = pseudoRandom(n, 11 + n);
    const [expectRe, expectIm] = naiveDft(re, im);
    fft(re, im);
    expect(maxDiff(re, expectRe)).toBeLessThan(1e-12);
    expect(maxDiff(im, expectIm)).toBeLessThan(1e-12);
  });

  it('inverts with ifft to round-off', () => {
    const re = pseudoRandom(1024, 3);
    const im = pseudoRandom(1024, 5);
    const [re0, im0] = [Float64Array.from(re), Float64Array.from(im)];
    fft(re, im);
    ifft(re, im);
    expect(maxDiff(re, re0)).toBeLessThan(1e-15);
    expect(maxDiff(im, im0)).toBeLessThan(1e-15);
  });

  it('refuses a length that is not a power of two', () => {
    expect(() => fft(new Float64Array(12), new Float64Array(12))).toThrow(/power of two/);
  });

  it('lists wavenumbers in FFT order', () => {
    expect(Array.from(wavenumbers(4, 2 * Math.PI))).toEqual([0, 1, -2, -1]);
  });
});
