import { describe, expect, it } from 'vitest';
import type { DerivativeRequest, InputMap, MlpShape } from '../../../workers/engine/taylorMlp';
import { hvp } from '../../../workers/float64/hessianVector';
import { jetLossGradient, jetLossHvp, type JetLoss } from '../../../workers/float64/jetLossHessian';
import { parameterCount64 } from '../../../workers/float64/jetMlp64';
import { ACTIVATION_LIST, maxRelativeError, randomPoints, randomTheta, randomVector } from './fixtures';

const map: InputMap = { center: [0, 0], invHalfWidth: [1, 2] };
const n = 6;
const x = randomPoints(n, 2, 4);
const source = randomVector(n, 8);
const KEYS = ['', '0', '0,0', '1,1', '0,1'];

/** ℓ = ½ Σ r², r = u_xx + u_yy + u³ + u_x + ½u_xy − f: nonlinear in the value, all channel kinds. */
const residualLoss: JetLoss = {
  gradient(jet) {
    const [u, ux, uxx, uyy, uxy] = KEYS.map((key) => jet.get(key)!);
    const r = u.map((v, p) => uxx[p] + uyy[p] + v ** 3 + ux[p] + 0.5 * uxy[p] - source[p]);
    return new Map([
      ['', r.map((rp, p) => 3 * u[p] ** 2 * rp)],
      ['0', r],
      ['0,0', r],
      ['1,1', r],
      ['0,1', r.map((rp) => 0.5 * rp)],
    ]);
  },
  hessianVector(jet, dot) {
    const [u, ux, uxx, uyy, uxy] = KEYS.map((key) => jet.get(key)!);
    const [du, dux, duxx, duyy, duxy] = KEYS.map((key) => dot.get(key)!);
    const r = u.map((v, p) => uxx[p] + uyy[p] + v ** 3 + ux[p] + 0.5 * uxy[p] - source[p]);
    const dr = u.map((v, p) => duxx[p] + duyy[p] + 3 * v * v * du[p] + dux[p] + 0.5 * duxy[p]);
    return new Map([
      ['', u.map((v, p) => 3 * v * v * dr[p] + 6 * v * du[p] * r[p])],
      ['0', dr],
      ['0,0', dr],
      ['1,1', dr],
      ['0,1', dr.map((d) => 0.5 * d)],
    ]);
  },
};
const request: DerivativeRequest = { first: [0], second: [[0, 0], [1, 1], [0, 1]] };

describe.each(ACTIVATION_LIST)('Hessian–vector products of a PINN residual loss (%s)', (activation) => {
  const shape: MlpShape = { inputs: 2, hidden: [8, 6], outputs: 1, activation };
  const theta = randomTheta(shape, 13);
  const P = parameterCount64(shape);
  const gradient = (t: Float64Array) => jetLossGradient(shape, map, t, x, request, residualLoss);
  const v = randomVector(P, 31);
  const w = randomVector(P, 32);
  const exact = (u: Float64Array) => jetLossHvp(shape, map, theta, x, request, residualLoss, u);

  it('exact forward-over-reverse product matches a fine central difference of the gradient', () => {
    const h = 1e-5;
    const plus = gradient(Float64Array.from(theta, (t, i) => t + h * v[i]));
    const minus = gradient(Float64Array.from(theta, (t, i) => t - h * v[i]));
    const fd = Float64Array.from(plus, (g, i) => (g - minus[i]) / (2 * h));
    expect(maxRelativeError(exact(v), fd)).toBeLessThan(1e-6);
  });

  it('is symmetric: vᵀ H w = wᵀ H v', () => {
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, ai, i) => s + ai * b[i], 0);
    const vHw = dot(v, exact(w));
    const wHv = dot(w, exact(v));
    expect(Math.abs(vHw - wHv) / Math.abs(wHv)).toBeLessThan(1e-12);
  });

  it('central-difference hvp of a black-box gradient agrees with the exact one to 1e-7', () => {
    expect(maxRelativeError(hvp(gradient, theta, v), exact(v))).toBeLessThan(1e-7);
  });
});

describe('hvp of a black-box gradient', () => {
  it('is exact for a quadratic and zero along a zero direction', () => {
    const A = [4, 1, 0, 1, 3, -1, 0, -1, 2];
    const gradient = (t: Float64Array) => Float64Array.from({ length: 3 }, (_, i) => A[3 * i] * t[0] + A[3 * i + 1] * t[1] + A[3 * i + 2] * t[2]);
    const hv = hvp(gradient, Float64Array.of(0.3, -2, 5), Float64Array.of(1, 2, 3));
    expect(maxRelativeError(hv, [6, 4, 4])).toBeLessThan(1e-9);
    expect([...hvp(gradient, Float64Array.of(1, 1, 1), new Float64Array(3))]).toEqual([0, 0, 0]);
  });
});
