/**
 * Periodic input features (cos ωx, sin ωx) on the WebAssembly jet engine: the jet against finite
 * differences of an independent scalar network, the parameter gradient against finite differences,
 * exact periodicity, and the engines without the features refusing them by name.
 */
import { describe, expect, it } from 'vitest';
import type { DerivativeRequest, InputMap, MlpShape } from '../../../workers/engine/taylorMlp';
import { JetNetworkWasm } from '../../../workers/engine/wasmJet/jetNetwork';
import { jetForward, parameterCount64 } from '../../../workers/float64/jetMlp64';
import { mlpScalar, randomPoints, randomTheta, randomVector } from '../float64/fixtures';

// x periodic with period 2, y plain, t periodic with period 5 (any axis may be either).
const SHAPE: MlpShape = { inputs: 3, hidden: [12, 9], outputs: 2, activation: 'tanh', periods: [2, null, 5] };
const MAP: InputMap = { center: [0, 0.5, 2.5], invHalfWidth: [1, 2, 0.4] };
const REQUEST: DerivativeRequest = { first: [0, 1, 2], second: [[0, 0], [1, 1], [2, 2], [0, 1], [0, 2]] };
const N = 11;

describe('periodic input features on the jet engine', () => {
  const theta = randomTheta(SHAPE, 7);
  const x = randomPoints(N, 3, 8);

  it('give a first layer with two columns per periodic axis', () => {
    expect(parameterCount64(SHAPE)).toBe(5 * 12 + 12 + 12 * 9 + 9 + 9 * 2 + 2);
  });

  it('have the input derivatives of finite differences (float64)', () => {
    const net = new JetNetworkWasm(SHAPE, MAP, 'float64');
    net.setTheta(theta);
    const jet = net.forward(net.createPointSet(x, REQUEST));
    const h = 1e-4;
    const at = (p: number, shifts: [number, number][]) => {
      const point = [x[3 * p], x[3 * p + 1], x[3 * p + 2]];
      for (const [dim, by] of shifts) point[dim] += by;
      return mlpScalar(theta, SHAPE, MAP, point);
    };
    for (let p = 0; p < N; p++) {
      for (let q = 0; q < 2; q++) {
        expect(jet.get('')![p * 2 + q]).toBeCloseTo(at(p, [])[q], 13);
        for (const dim of REQUEST.first) {
          const fd = (at(p, [[dim, h]])[q] - at(p, [[dim, -h]])[q]) / (2 * h);
          expect(Math.abs(jet.get(`${dim}`)![p * 2 + q] - fd)).toBeLessThan(1e-7);
        }
        for (const [i, j] of REQUEST.second) {
          const fd = (at(p, [[i, h], [j, h]])[q] - at(p, [[i, h], [j, -h]])[q] - at(p, [[i, -h], [j, h]])[q] + at(p, [[i, -h], [j, -h]])[q]) / (4 * h * h);
          expect(Math.abs(jet.get(`${i},${j}`)![p * 2 + q] - fd)).toBeLessThan(1e-5);
        }
      }
    }
  });

  it('have the parameter gradient of finite differences', () => {
    const net = new JetNetworkWasm(SHAPE, MAP, 'float64');
    const set = net.createPointSet(x, REQUEST);
    const adjoint = new Map(set.plan.keys.map((key, i) => [key, randomVector(N * 2, 20 + i)]));
    const objective = (t: Float64Array) => {
      net.setTheta(t);
      const jet = net.forward(set);
      let sum = 0;
      for (const [key, weights] of adjoint) jet.get(key)!.forEach((value, e) => (sum += value * weights[e]));
      return sum;
    };
    objective(theta);
    net.zeroGradient();
    net.backward(set, adjoint);
    const gradient = net.gradient();
    const direction = randomVector(theta.length, 30);
    const eps = 1e-6;
    const fd = (objective(theta.map((v, i) => v + eps * direction[i])) - objective(theta.map((v, i) => v - eps * direction[i]))) / (2 * eps);
    const exact = gradient.reduce((sum, g, i) => sum + g * direction[i], 0);
    expect(Math.abs(exact - fd) / Math.abs(exact)).toBeLessThan(1e-7);
  });

  it.each(['float32', 'float64'] as const)('are exactly periodic in %s: the jet at x + P equals the jet at x', (precision) => {
    const net = new JetNetworkWasm(SHAPE, MAP, precision);
    net.setTheta(theta);
    const shifted = x.map((v, e) => (e % 3 === 0 ? v + 2 : e % 3 === 2 ? v - 5 : v));
    const jet = new Map([...net.forward(net.createPointSet(x, REQUEST))].map(([key, values]) => [key, Float64Array.from(values)]));
    const there = net.forward(net.createPointSet(shifted, REQUEST));
    const tolerance = precision === 'float64' ? 1e-12 : 2e-5;
    for (const [key, values] of jet) values.forEach((value, e) => expect(Math.abs(there.get(key)![e] - value)).toBeLessThan(tolerance * (1 + Math.abs(value))));
  });

  it('are refused by name on the plain-JavaScript float64 engine', () => {
    expect(() => jetForward(SHAPE, MAP, theta, x, REQUEST)).toThrow('network.periodicEmbedding: periodic input features run on the WebAssembly jet engine only, not on the plain-JavaScript float64 engine');
  });
});
