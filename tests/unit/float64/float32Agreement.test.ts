import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../workers/engine/backend';
import { parameterShapes, taylorForward, type InputMap, type MlpShape } from '../../../workers/engine/taylorMlp';
import { jetForward, parameterOffsets } from '../../../workers/float64/jetMlp64';
import { ACTIVATION_LIST, maxRelativeError, randomPoints, randomTheta } from './fixtures';

describe.each(ACTIVATION_LIST)('float64 jet agrees with the float32 tfjs Taylor pass (%s)', (activation) => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('to float32 accuracy on the same parameters, for every channel', () => {
    const shape: MlpShape = { inputs: 3, hidden: [16, 12], outputs: 2, activation };
    const map: InputMap = { center: [0, 0.5, 1], invHalfWidth: [1, 2, 0.5] };
    // Parameters and points representable in float32, so the only difference is arithmetic.
    const theta = Float64Array.from(Float32Array.from(randomTheta(shape, 21)));
    const x = Float64Array.from(Float32Array.from(randomPoints(20, 3, 22)));
    const request = { first: [0, 2], second: [[0, 0], [1, 1], [0, 2]] as [number, number][] };

    const shapes = parameterShapes(shape);
    const offsets = parameterOffsets(shape);
    const tensors = shapes.map(([rows, cols], i) => {
      const start = i % 2 === 0 ? offsets[i / 2].weight : offsets[(i - 1) / 2].bias;
      return tf.tensor2d(Float32Array.from(theta.subarray(start, start + rows * cols)), [rows, cols]);
    });
    const xs = tf.tensor2d(Float32Array.from(x), [20, 3]);
    const float32 = taylorForward(tensors, shape, map, xs, request);
    const { jet } = jetForward(shape, map, theta, x, request);

    expect([...jet.keys()]).toEqual([...float32.keys()]);
    for (const [key, values] of jet) expect(maxRelativeError(float32.get(key)!.dataSync(), values), `channel '${key}'`).toBeLessThan(1e-5);
    tf.dispose([...tensors, xs, ...float32.values()]);
  });
});
