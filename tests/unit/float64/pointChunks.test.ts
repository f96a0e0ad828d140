import { describe, expect, it } from 'vitest';
import type { DerivativeRequest, MlpShape } from '../../../workers/engine/taylorMlp';
import { jetLossHvp, type JetLoss } from '../../../workers/float64/jetLossHessian';
import { jetBackward, jetForward, parameterCount64 } from '../../../workers/float64/jetMlp64';
import { flattenJet, jvp, parameterJacobian } from '../../../workers/float64/parameterJacobian';
import { maxRelativeError, randomPoints, randomTheta, randomVector } from './fixtures';

const shape: MlpShape = { inputs: 2, hidden: [7, 6], outputs: 2, activation: 'sin' };
const map = { center: [0.1, -0.2], invHalfWidth: [1.5, 0.75] };
const theta = randomTheta(shape, 17);
const n = 11;
const x = randomPoints(n, 2, 18);
const request: DerivativeRequest = { first: [1], second: [[0, 0], [0, 1]] };
const P = parameterCount64(shape);
const whole = { pointsPerChunk: 1000 };
const chunked = { pointsPerChunk: 3 };

/** ℓ = Σ sin(jet entries) · weights: couples nothing, but curves every entry. */
const weights = randomVector(5 * n * 2, 19);
const curvedLoss: JetLoss = {
  gradient: (jet) => new Map([...jet].map(([key, v], c) => [key, v.map((u, i) => weights[c * 2 * n + i] * Math.cos(u))])),
  hessianVector: (jet, dot) => new Map([...jet].map(([key, v], c) => [key, v.map((u, i) => -weights[c * 2 * n + i] * Math.sin(u) * dot.get(key)![i])])),
};

describe('processing points in chunks', () => {
  it('changes no jet entry, gradient, Jacobian, tangent or Hessian–vector product beyond rounding', () => {
    const a = jetForward(shape, map, theta, x, request, whole);
    const b = jetForward(shape, map, theta, x, request, chunked);
    expect(b.cache.chunks.map((c) => c.n)).toEqual([3, 3, 3, 2]);
    expect(maxRelativeError(flattenJet(b.jet), flattenJet(a.jet))).toBeLessThan(1e-14);

    const adjoint = new Map([...a.jet.keys()].map((key, c) => [key, randomVector(2 * n, 40 + c)]));
    expect(maxRelativeError(jetBackward(b.cache, adjoint), jetBackward(a.cache, adjoint))).toBeLessThan(1e-13);

    const Ja = parameterJacobian(shape, map, theta, x, request, whole).values;
    const Jb = parameterJacobian(shape, map, theta, x, request, chunked).values;
    expect(maxRelativeError(Jb, Ja)).toBeLessThan(1e-13);

    const v = randomVector(P, 50);
    expect(maxRelativeError(flattenJet(jvp(shape, map, theta, x, v, request, chunked)), flattenJet(jvp(shape, map, theta, x, v, request, whole)))).toBeLessThan(1e-13);
    const hvWhole = jetLossHvp(shape, map, theta, x, request, curvedLoss, v, whole);
    expect(maxRelativeError(jetLossHvp(shape, map, theta, x, request, curvedLoss, v, chunked), hvWhole)).toBeLessThan(1e-13);
  });

  it('rejects a chunk size that is not a positive integer', () => {
    expect(() => jetForward(shape, map, theta, x, request, { pointsPerChunk: 0 })).toThrow(/options.pointsPerChunk: 0/);
  });
});
