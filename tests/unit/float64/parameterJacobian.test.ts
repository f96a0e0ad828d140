import { describe, expect, it } from 'vitest';
import type { DerivativeRequest, InputMap, MlpShape } from '../../../workers/engine/taylorMlp';
import { jetForward, parameterCount64 } from '../../../workers/float64/jetMlp64';
import { flattenJet, jvp, parameterJacobian, unflattenJet, vjp } from '../../../workers/float64/parameterJacobian';
import { maxRelativeError, randomPoints, randomTheta, randomVector } from './fixtures';

const shape: MlpShape = { inputs: 3, hidden: [7, 5], outputs: 2, activation: 'tanh' };
const map: InputMap = { center: [0, 0.5, 1], invHalfWidth: [1, 2, 0.5] };
const theta = randomTheta(shape, 5);
const n = 4;
const x = randomPoints(n, 3, 9);
const P = parameterCount64(shape);

function multiply(J: Float64Array, rows: number, v: Float64Array): Float64Array {
  return Float64Array.from({ length: rows }, (_, r) => {
    let s = 0;
    for (let c = 0; c < P; c++) s += J[r * P + c] * v[c];
    return s;
  });
}

function multiplyTransposed(J: Float64Array, rows: number, w: Float64Array): Float64Array {
  const out = new Float64Array(P);
  for (let r = 0; r < rows; r++) for (let c = 0; c < P; c++) out[c] += J[r * P + c] * w[r];
  return out;
}

describe.each([
  ['values only', { first: [], second: [] }],
  ['values and a Laplacian with a mixed term', { first: [2], second: [[0, 0], [1, 1], [0, 2]] }],
] as [string, DerivativeRequest][])('parameter Jacobian of %s', (_, request) => {
  const J = parameterJacobian(shape, map, theta, x, request);

  it('times v equals the tangent pass jvp(v) to 1e-12', () => {
    const v = randomVector(P, 1);
    const expected = flattenJet(jvp(shape, map, theta, x, v, request));
    expect(J.rows).toBe(expected.length);
    expect(maxRelativeError(multiply(J.values, J.rows, v), expected)).toBeLessThan(1e-12);
  });

  it('transposed times w equals the reverse pass vjp(w) to 1e-12', () => {
    const w = randomVector(J.rows, 2);
    const expected = vjp(shape, map, theta, x, unflattenJet(w, J.keys, n * shape.outputs), request);
    expect(maxRelativeError(multiplyTransposed(J.values, J.rows, w), expected)).toBeLessThan(1e-12);
  });

  it('matches central differences of the jet in every parameter', () => {
    const h = 1e-6;
    let worst = 0;
    for (let c = 0; c < P; c++) {
      const plus = Float64Array.from(theta);
      const minus = Float64Array.from(theta);
      plus[c] += h;
      minus[c] -= h;
      const up = flattenJet(jetForward(shape, map, plus, x, request).jet);
      const down = flattenJet(jetForward(shape, map, minus, x, request).jet);
      const column = Float64Array.from(up, (u, r) => (u - down[r]) / (2 * h));
      const mine = Float64Array.from({ length: J.rows }, (_, r) => J.values[r * P + c]);
      if (column.some((v) => v !== 0)) worst = Math.max(worst, maxRelativeError(mine, column));
    }
    expect(worst).toBeLessThan(1e-6);
  });
});
