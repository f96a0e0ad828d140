/**
 * The fused WebAssembly jet engine against the float64 reference engine (jetMlp64, itself tested
 * against finite differences), against finite differences directly, and float32 against float64.
 */
import { describe, expect, it } from 'vitest';
import type { DerivativeRequest, InputMap, MlpShape } from '../../../workers/engine/taylorMlp';
import { JetNetworkWasm } from '../../../workers/engine/wasmJet/jetNetwork';
import { instantiateJetKernels } from '../../../workers/engine/wasmJet/kernels';
import { jetBackward, jetForward } from '../../../workers/float64/jetMlp64';
import { ACTIVATION_LIST, maxRelativeError, randomPoints, randomTheta, randomVector } from '../float64/fixtures';

const MAP: InputMap = { center: [0.5, -0.2, 0.1], invHalfWidth: [2, 1.5, 0.8] };
// (1, 0) repeats (0, 1): two equations may read the same derivative.
const REQUEST: DerivativeRequest = { first: [0, 2], second: [[0, 0], [1, 1], [0, 1], [2, 1], [1, 0]] };

function adjointFor(keys: string[], length: number, seed: number): Map<string, Float64Array> {
  return new Map(keys.map((key, i) => [key, randomVector(length, seed + i)]));
}

describe('JetNetworkWasm', () => {
  // Widths around the kernels' tiles (8 f32 / 4 f64 columns, 4 rows) and a ragged last chunk.
  const shapes: MlpShape[] = [
    { inputs: 3, hidden: [16, 16], outputs: 1, activation: 'tanh' },
    { inputs: 3, hidden: [13, 7, 9], outputs: 2, activation: 'tanh' },
  ];
  for (const shape of shapes) {
    it(`float64 jet and gradient equal jetMlp64's (hidden ${shape.hidden.join('-')}, ${shape.outputs} outputs)`, () => {
      const theta = randomTheta(shape, 3);
      const x = randomPoints(37, 3, 4);
      const net = new JetNetworkWasm(shape, MAP, 'float64', { pointsPerChunk: 8 });
      net.setTheta(theta);
      const set = net.createPointSet(x, REQUEST);
      const jet = net.forward(set);
      const reference = jetForward(shape, MAP, theta, x, REQUEST);
      expect([...jet.keys()]).toEqual([...reference.jet.keys()]);
      for (const [key, values] of reference.jet) expect(maxRelativeError(jet.get(key)!, values)).toBeLessThan(1e-13);
      const adjoint = adjointFor([...jet.keys()], 37 * shape.outputs, 10);
      net.zeroGradient();
      net.backward(set, adjoint);
      expect(maxRelativeError(net.gradient(), jetBackward(reference.cache, adjoint))).toBeLessThan(1e-12);
    });
  }

  for (const activation of ACTIVATION_LIST) {
    it(`float64 with ${activation} matches jetMlp64`, () => {
      const shape: MlpShape = { inputs: 3, hidden: [12, 12], outputs: 1, activation };
      const theta = randomTheta(shape, 5);
      const x = randomPoints(20, 3, 6);
      const net = new JetNetworkWasm(shape, MAP, 'float64');
      net.setTheta(theta);
      const set = net.createPointSet(x, REQUEST);
      const reference = jetForward(shape, MAP, theta, x, REQUEST);
      const jet = net.forward(set);
      for (const [key, values] of reference.jet) expect(maxRelativeError(jet.get(key)!, values)).toBeLessThan(1e-12);
      const adjoint = adjointFor([...jet.keys()], 20, 20);
      net.zeroGradient();
      net.backward(set, adjoint);
      expect(maxRelativeError(net.gradient(), jetBackward(reference.cache, adjoint))).toBeLessThan(1e-11);
    });
  }

  it('float64 gradient of a scalar loss of the jet matches central differences', () => {
    const shape: MlpShape = { inputs: 3, hidden: [10, 10], outputs: 1, activation: 'tanh' };
    const theta = randomTheta(shape, 7);
    const x = randomPoints(9, 3, 8);
    const net = new JetNetworkWasm(shape, MAP, 'float64');
    const set = net.createPointSet(x, REQUEST);
    const weights = adjointFor([...set.plan.keys], 9, 30);
    const loss = (t: Float64Array) => {
      net.setTheta(t);
      let s = 0;
      for (const [key, values] of net.forward(set)) values.forEach((v, i) => (s += weights.get(key)![i] * v));
      return s;
    };
    net.setTheta(theta);
    net.forward(set);
    net.zeroGradient();
    net.backward(set, weights);
    const grad = net.gradient();
    const h = 1e-6;
    for (const i of [0, 5, 33, 40, 75, grad.length - 1]) {
      const plus = Float64Array.from(theta);
      const minus = Float64Array.from(theta);
      plus[i] += h;
      minus[i] -= h;
      expect(Math.abs((loss(plus) - loss(minus)) / (2 * h) - grad[i])).toBeLessThan(1e-7 * Math.max(1, Math.abs(grad[i])));
    }
  });

  it('float32 agrees with float64 to float32 accuracy (widths 32 and 64, Laplacian request)', () => {
    for (const width of [32, 64]) {
      const shape: MlpShape = { inputs: 2, hidden: [width, width, width], outputs: 1, activation: 'tanh' };
      const theta = randomTheta(shape, 9);
      const x = randomPoints(150, 2, 10);
      const request: DerivativeRequest = { first: [], second: [[0, 0], [1, 1]] };
      const [f32, f64] = (['float32', 'float64'] as const).map((precision) => {
        const net = new JetNetworkWasm(shape, { center: [0, 0], invHalfWidth: [1, 1] }, precision);
        net.setTheta(theta);
        const set = net.createPointSet(x, request);
        const jet = new Map([...net.forward(set)].map(([key, v]) => [key, Float64Array.from(v)]));
        net.zeroGradient();
        net.backward(set, adjointFor([...jet.keys()], 150, 40));
        return { jet, grad: net.gradient() };
      });
      for (const [key, values] of f64.jet) expect(maxRelativeError(f32.jet.get(key)!, values)).toBeLessThan(2e-5);
      expect(maxRelativeError(f32.grad, f64.grad)).toBeLessThan(2e-5);
    }
  });

  it('refuses an adjoint key outside the jet', () => {
    const shape: MlpShape = { inputs: 3, hidden: [8], outputs: 1, activation: 'tanh' };
    const net = new JetNetworkWasm(shape, MAP, 'float32');
    net.setTheta(randomTheta(shape, 1));
    const set = net.createPointSet(randomPoints(4, 3, 2), { first: [0], second: [] });
    net.forward(set);
    expect(() => net.backward(set, new Map([['1', new Float64Array(4)]]))).toThrow("adjoint: key '1' is not in the jet (keys: '', '0')");
  });
});

describe('tanh kernels', () => {
  const z = Float64Array.from({ length: 4001 }, (_, i) => (i - 2000) / 80).map((v, i) => (i % 7 === 0 ? v * 1e-6 : v));
  // float32: σ' = 1 − t² is formed from the rounded t, as in any float32 tanh backward.
  for (const [precision, valueTolerance, derivativeTolerance] of [['float64', 5e-16, 1e-15], ['float32', 3e-7, 3e-6]] as const) {
    it(`${precision}: tanh within ${valueTolerance} and its derivatives within ${derivativeTolerance} of Math.tanh over [−25, 25]`, () => {
      const kernels = instantiateJetKernels(precision);
      const S = kernels.bytes;
      kernels.memory.grow(16);
      const Array = precision === 'float32' ? Float32Array : Float64Array;
      const view = new Array(kernels.memory.buffer);
      const n = z.length;
      const [pz, p0, p1, p2, p3] = [1, 2, 3, 4, 5].map((k) => k * 8192 * S);
      view.set(z, pz / S);
      kernels.tanhJet(pz, n, p0, p1, p2, p3);
      let worst = 0;
      let worstDerivative = 0;
      for (let i = 0; i < n; i++) {
        const x = view[pz / S + i];
        const t = Math.tanh(x);
        const d = 1 - t * t;
        const expected = [t, d, -2 * t * d, -2 * d * (1 - 3 * t * t)];
        worst = Math.max(worst, Math.abs(view[p0 / S + i] - t));
        [p1, p2, p3].forEach((p, k) => (worstDerivative = Math.max(worstDerivative, Math.abs(view[p / S + i] - expected[k + 1]))));
        // relative accuracy near zero, where tanh z ≈ z
        if (Math.abs(x) < 1e-3 && x !== 0) worst = Math.max(worst, Math.abs(view[p0 / S + i] / t - 1));
      }
      expect(worst).toBeLessThan(valueTolerance);
      expect(worstDerivative).toBeLessThan(derivativeTolerance);
    });
  }
});
