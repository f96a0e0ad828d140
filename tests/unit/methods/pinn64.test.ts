import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../workers/config/validate';
import { initBackend } from '../../../workers/engine/backend';
import { Rng } from '../../../workers/engine/rng';
import { parameterShapes } from '../../../workers/engine/taylorMlp';
import { initialTheta, inputMap, networkShape, sampleCollocation } from '../../../workers/problems/collocation';
import { PinnLoss } from '../../../workers/problems/pinnLoss';
import { PinnLoss64 } from '../../../workers/problems/pinnLoss64';
import { buildProblemModel } from '../../../workers/problems/problemModel';
import { Runner } from '../../../workers/run/runner';

const sink = { rows: () => undefined, snapshot: () => undefined, status: () => undefined };

/** The float32 (tfjs) and float64 losses and gradients of one config at the same parameters. */
function bothLosses(input: unknown) {
  const config = resolveConfig(input);
  const model = buildProblemModel(config.problem);
  const rng = new Rng(5);
  const shape = networkShape(config, model);
  const theta = Float64Array.from(Float32Array.from(initialTheta(shape, rng)));
  const points = sampleCollocation(config, model, rng);
  const map = inputMap(model);
  const loss64 = new PinnLoss64(model, shape, map, points, config.loss).evaluate(theta);
  const loss32 = new PinnLoss(model, shape, map, points, config.loss);
  const variable = tf.variable(tf.tensor1d(Float32Array.from(theta)));
  let terms: number[] = [];
  const { value, grads } = tf.variableGrads(() => {
    let offset = 0;
    const layers = parameterShapes(shape).map(([r, c]) => {
      const layer = tf.reshape(tf.slice(variable, [offset], [r * c]), [r, c]) as tf.Tensor2D;
      offset += r * c;
      return layer;
    });
    const out = loss32.evaluate(layers);
    terms = Array.from(out.terms.dataSync());
    return out.total;
  }, [variable]);
  const result = { loss64, loss32: { loss: value.dataSync()[0], terms, grad: grads[variable.name].dataSync() } };
  loss32.dispose();
  tf.dispose([variable, value, ...Object.values(grads)]);
  return result;
}

describe('float64 PINN', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it.each([
    ['a Neumann face, a time face and a nonlinear residual (wave, Burgers-like)', { problem: { kind: 'custom', domain: { type: 'box', min: [0], max: [1], time: [0, 1] }, equation: 'u_tt + u*u_x = u_xx + sin(x)', boundary: [{ where: 'x=0', type: 'neumann', value: 'cos(t)' }, { where: 'x=1', value: '0' }, { where: 't=0', type: 'neumann', value: '0' }], initial: { value: 'x^2' } } }],
    ['two unknowns on a periodic axis (Schrödinger)', { problem: { kind: 'schrodinger1d' } }],
    ['a hard Dirichlet face, a mixed derivative and a Neumann face', { problem: { kind: 'custom', domain: { type: 'box', min: [0, 0], max: [1, 2], time: [0, 1] }, equation: 'u_t = u_xx + 0.5*u_xy + u_yy + x', boundary: [{ where: 'x=0', value: 'y*t + 1', hard: true }, { where: 'x=1', type: 'neumann', value: '0' }, { where: 'y=0', value: '0' }, { where: 'y=2', value: 'x' }], initial: { value: 'x*y' } } }],
    ['a 3D Laplacian with mixed derivatives', { problem: { kind: 'custom', domain: { type: 'box', min: [0, 0, 0], max: [1, 2, 1] }, equation: 'u_xx + u_yy + u_zz + 0.3*u_xy - u_z = exp(x*y)', boundary: [{ where: 'all', value: 'x*z' }] } }],
  ])('has the loss, terms and gradient of the float32 path (to float32 accuracy) with %s', (_, problem) => {
    const { loss64, loss32 } = bothLosses({ ...(problem as object), network: { hidden: [8, 8] }, sampling: { interior: 64, boundary: 24 } });
    expect(loss32.loss).toBeCloseTo(loss64.loss, 3);
    expect(Math.abs(loss32.loss - loss64.loss) / loss64.loss).toBeLessThan(1e-4);
    loss64.terms.forEach((t, i) => expect(Math.abs(loss32.terms[i] - t) / Math.max(t, 1e-6)).toBeLessThan(1e-3));
    const scale = Math.max(...loss64.grad.map(Math.abs));
    loss64.grad.forEach((g, i) => expect(Math.abs(loss32.grad[i] - g) / scale).toBeLessThan(2e-4));
  });

  it('trains past the point where float32 L-BFGS stalls, on u_xx = −π² sin(πx)', async () => {
    const run = (precision: 'float32' | 'float64') =>
      new Runner().run(
        resolveConfig({
          problem: { kind: 'custom', domain: { type: 'box', min: [0], max: [1] }, equation: 'u_xx = -pi^2*sin(pi*x)', boundary: [{ where: 'all', value: '0' }], exact: 'sin(pi*x)' },
          method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.01, iterations: 300 }, { name: 'lbfgs', iterations: 600 }] },
          network: { hidden: [12, 12] },
          sampling: { interior: 96, boundary: 2 },
          evaluation: { grid: 256, every: 100, snapshot: 16 },
          precision,
        }),
        sink,
      );
    const single = await run('float32');
    const double = await run('float64');
    expect(single.message).toMatch(/float32 noise floor/);
    expect(double.status).toBe('completed');
    expect(double.metrics.relL2).toBeLessThan(single.metrics.relL2 / 3);
  });

  it('builds hard Dirichlet data into the output and refines adaptively', async () => {
    const notes: (string | undefined)[] = [];
    const result = await new Runner().run(
      resolveConfig({
        problem: { kind: 'custom', domain: { type: 'box', min: [0], max: [1] }, equation: 'u_xx = -pi^2*sin(pi*x)', boundary: [{ where: 'x=0', value: '0', hard: true }, { where: 'x=1', value: '0' }], exact: 'sin(pi*x)' },
        method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.01, iterations: 200 }, { name: 'lbfgs', iterations: 200 }] },
        network: { hidden: [12, 12] },
        sampling: { interior: 64, boundary: 2, adaptive: { every: 80, candidates: 400, add: 16 } },
        evaluation: { grid: 129, every: 100, snapshot: 17 },
        precision: 'float64',
      }),
      { ...sink, status: (_, message) => notes.push(message) },
    );
    expect(notes.filter(Boolean)).toContain('added 16 points of largest residual (96 interior points)');
    expect(result.metrics.relL2).toBeLessThan(1e-3);
    // u = g + x·N at x = 0: exactly the data.
    expect(result.finalSnapshot.prediction[0]).toBe(0);
  });
});
