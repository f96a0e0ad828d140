import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../../../workers/engine/activations';
import { initBackend } from '../../../workers/engine/backend';
import { Rng } from '../../../workers/engine/rng';
import { initialParameters, jetKey, parameterShapes, taylorForward, type InputMap, type MlpShape } from '../../../workers/engine/taylorMlp';

/** Float64 reference forward pass of the same MLP, for finite differences. */
function mlp64(params: Float64Array[], shape: MlpShape, map: InputMap, x: number[]): number[] {
  const sizes = [shape.inputs, ...shape.hidden, shape.outputs];
  let a = x.map((v, i) => (v - map.center[i]) * map.invHalfWidth[i]);
  for (let l = 0; l + 1 < sizes.length; l++) {
    const w = params[2 * l];
    const b = params[2 * l + 1];
    const z = new Array(sizes[l + 1]).fill(0).map((_, j) => {
      let s = b[j];
      for (let i = 0; i < sizes[l]; i++) s += a[i] * w[i * sizes[l + 1] + j];
      return s;
    });
    a = l + 2 < sizes.length ? z.map((v) => ACTIVATIONS[shape.activation].scalar(v)[0]) : z;
  }
  return a;
}

function finiteDifference(f: (x: number[]) => number, x: number[], dims: number[]): number {
  const h = dims.length === 1 ? 1e-5 : 1e-4;
  const shifted = (offsets: [number, number][]) => {
    const y = [...x];
    for (const [d, s] of offsets) y[d] += s * h;
    return f(y);
  };
  if (dims.length === 1) return (shifted([[dims[0], 1]]) - shifted([[dims[0], -1]])) / (2 * h);
  const [i, j] = dims;
  return (shifted([[i, 1], [j, 1]]) - shifted([[i, 1], [j, -1]]) - shifted([[i, -1], [j, 1]]) + shifted([[i, -1], [j, -1]])) / (4 * h * h);
}

describe.each(['tanh', 'sin', 'sigmoid', 'softplus'])('Taylor-mode MLP derivatives (%s) match float64 finite differences', (activation) => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('gives every first and mixed second derivative in 3 space dimensions plus time', () => {
    const shape: MlpShape = { inputs: 4, hidden: [12, 10], outputs: 2, activation };
    const params = initialParameters(shape, new Rng(7));
    const shapes = parameterShapes(shape);
    const map: InputMap = { center: [0.5, 0, 1, 0.25], invHalfWidth: [2, 1, 0.5, 4] };
    const rng = new Rng(3);
    const points = Array.from({ length: 5 }, () => [rng.uniform(), rng.uniform() * 2 - 1, rng.uniform() * 4 - 1, rng.uniform() * 0.5]);
    const pairs: [number, number][] = [];
    for (let i = 0; i < 4; i++) for (let j = i; j < 4; j++) pairs.push([i, j]);

    const tensors = params.map((p, i) => tf.tensor2d(Float32Array.from(p), shapes[i]));
    const x = tf.tensor2d(points);
    const out = taylorForward(tensors, shape, map, x, { first: [0, 1, 2, 3], second: pairs });
    const jet = new Map([...out.entries()].map(([k, v]) => [k, v.arraySync() as number[][]]));
    tf.dispose([...tensors, x, ...out.values()]);

    for (const [p, x] of points.entries()) {
      for (let q = 0; q < 2; q++) {
        const f = (y: number[]) => mlp64(params, shape, map, y)[q];
        expect(jet.get('')![p][q]).toBeCloseTo(f(x), 5);
        for (let d = 0; d < 4; d++) {
          const expected = finiteDifference(f, x, [d]);
          expect(Math.abs(jet.get(jetKey([d]))![p][q] - expected)).toBeLessThan(1e-4 * Math.max(1, Math.abs(expected)));
        }
        for (const pair of pairs) {
          const expected = finiteDifference(f, x, pair);
          expect(Math.abs(jet.get(jetKey(pair))![p][q] - expected)).toBeLessThan(2e-3 * Math.max(1, Math.abs(expected)));
        }
      }
    }
  });
});

describe('Taylor-mode pass feeds one reverse pass', () => {
  it('gives parameter gradients of a Laplacian loss that match finite differences of the loss', async () => {
    await initBackend('cpu');
    const shape: MlpShape = { inputs: 2, hidden: [8], outputs: 1, activation: 'tanh' };
    const shapes = parameterShapes(shape);
    const params = initialParameters(shape, new Rng(11));
    const map: InputMap = { center: [0, 0], invHalfWidth: [1, 1] };
    const x = [[0.3, -0.2], [0.7, 0.1], [-0.5, 0.9]];
    const loss = (values: Float64Array[]) =>
      tf.tidy(() => {
        const tensors = values.map((p, i) => tf.tensor2d(Float32Array.from(p), shapes[i]));
        const jet = taylorForward(tensors, shape, map, tf.tensor2d(x), { first: [], second: [[0, 0], [1, 1]] });
        return tf.mean(tf.square(tf.add(jet.get('0,0')!, jet.get('1,1')!)));
      });
    const variables = params.map((p, i) => tf.variable(tf.tensor2d(Float32Array.from(p), shapes[i])));
    const { grads } = tf.variableGrads(() => {
      const jet = taylorForward(variables, shape, map, tf.tensor2d(x), { first: [], second: [[0, 0], [1, 1]] });
      return tf.mean(tf.square(tf.add(jet.get('0,0')!, jet.get('1,1')!))) as tf.Scalar;
    }, variables);
    const analytic = variables.map((v) => (grads[v.name] ? grads[v.name].dataSync() : new Float32Array(v.size)));
    const h = 1e-3;
    // The output bias [3] does not reach a Laplacian: its gradient must be exactly zero.
    for (const [layer, index] of [[0, 3], [1, 2], [2, 5], [3, 0]] as const) {
      const plus = params.map((p) => Float64Array.from(p));
      const minus = params.map((p) => Float64Array.from(p));
      plus[layer][index] += h;
      minus[layer][index] -= h;
      const fd = ((loss(plus).dataSync()[0] as number) - (loss(minus).dataSync()[0] as number)) / (2 * h);
      expect(analytic[layer][index]).toBeCloseTo(fd, 2);
    }
    tf.dispose(variables);
  });
});
