import { describe, expect, it } from 'vitest';
import type { InputMap, MlpShape } from '../../../workers/engine/taylorMlp';
import { jetBackward, jetForward, jetKey, parameterCount64 } from '../../../workers/float64/jetMlp64';
import { ACTIVATION_LIST, mlpScalar, randomPoints, randomTheta, randomVector, relativeError } from './fixtures';

const map: InputMap = { center: [0.5, 0, 1, 0.25], invHalfWidth: [2, 1, 0.5, 4] };
const allPairs: [number, number][] = [];
for (let i = 0; i < 4; i++) for (let j = i; j < 4; j++) allPairs.push([i, j]);

function centralDifference(f: (x: number[]) => number, x: number[], dims: number[]): number {
  const h = dims.length === 1 ? 1e-5 : 1e-4;
  const at = (offsets: [number, number][]) => {
    const y = [...x];
    for (const [d, s] of offsets) y[d] += s * h;
    return f(y);
  };
  if (dims.length === 1) return (at([[dims[0], 1]]) - at([[dims[0], -1]])) / (2 * h);
  const [i, j] = dims;
  return (at([[i, 1], [j, 1]]) - at([[i, 1], [j, -1]]) - at([[i, -1], [j, 1]]) + at([[i, -1], [j, -1]])) / (4 * h * h);
}

describe.each(ACTIVATION_LIST)('float64 jet (%s)', (activation) => {
  const shape: MlpShape = { inputs: 4, hidden: [12, 10], outputs: 2, activation };
  const theta = randomTheta(shape, 7);
  const n = 5;
  const x = randomPoints(n, 4, 3);

  it('gives values, every first and every mixed second derivative in 3 space dims plus time, matching central differences', () => {
    const { jet } = jetForward(shape, map, theta, x, { first: [0, 1, 2, 3], second: allPairs });
    let worstFirst = 0;
    let worstSecond = 0;
    for (let p = 0; p < n; p++) {
      const point = Array.from(x.subarray(4 * p, 4 * p + 4));
      for (let q = 0; q < 2; q++) {
        const f = (y: number[]) => mlpScalar(theta, shape, map, y)[q];
        expect(relativeError(jet.get('')![2 * p + q], f(point))).toBeLessThan(1e-13);
        for (let d = 0; d < 4; d++) worstFirst = Math.max(worstFirst, relativeError(jet.get(jetKey([d]))![2 * p + q], centralDifference(f, point, [d])));
        for (const pair of allPairs) worstSecond = Math.max(worstSecond, relativeError(jet.get(jetKey(pair))![2 * p + q], centralDifference(f, point, pair)));
      }
    }
    expect(worstFirst).toBeLessThan(1e-6);
    expect(worstSecond).toBeLessThan(1e-4);
  });

  it('reverse pass equals central differences in θ of a linear functional of the jet', () => {
    const request = { first: [1, 3], second: [[0, 0], [1, 2], [3, 3]] as [number, number][] };
    const weights = new Map<string, Float64Array>();
    const { jet, cache } = jetForward(shape, map, theta, x, request);
    [...jet.keys()].forEach((key, c) => weights.set(key, randomVector(n * 2, 100 + c)));
    const functional = (t: Float64Array) => {
      let s = 0;
      for (const [key, values] of jetForward(shape, map, t, x, request).jet) values.forEach((v, i) => (s += weights.get(key)![i] * v));
      return s;
    };
    const gradient = jetBackward(cache, weights);
    const h = 1e-6;
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < parameterCount64(shape); i++) {
      const plus = Float64Array.from(theta);
      const minus = Float64Array.from(theta);
      plus[i] += h;
      minus[i] -= h;
      const fd = (functional(plus) - functional(minus)) / (2 * h);
      diff = Math.max(diff, Math.abs(gradient[i] - fd));
      scale = Math.max(scale, Math.abs(fd));
    }
    expect(diff / scale).toBeLessThan(1e-6);
  });
});

describe('float64 jet edges', () => {
  const shape: MlpShape = { inputs: 2, hidden: [6], outputs: 1, activation: 'tanh' };
  const theta = randomTheta(shape, 1);

  it('returns only the value when nothing is requested, and keys in taylorForward order otherwise', () => {
    const x = randomPoints(3, 2, 2);
    expect([...jetForward(shape, { center: [0, 0], invHalfWidth: [1, 1] }, theta, x).jet.keys()]).toEqual(['']);
    const { jet } = jetForward(shape, { center: [0, 0], invHalfWidth: [1, 1] }, theta, x, { first: [], second: [[1, 0]] });
    expect([...jet.keys()]).toEqual(['', '0', '1', '0,1']);
  });

  it('rejects a parameter vector of the wrong length and an unknown adjoint key, naming them', () => {
    const map2: InputMap = { center: [0, 0], invHalfWidth: [1, 1] };
    expect(() => jetForward(shape, map2, theta.subarray(1), new Float64Array(2))).toThrow(/theta: length/);
    const { cache } = jetForward(shape, map2, theta, new Float64Array(2));
    expect(() => jetBackward(cache, new Map([['0,0', new Float64Array(1)]]))).toThrow(/adjoint: key '0,0'/);
  });
});
