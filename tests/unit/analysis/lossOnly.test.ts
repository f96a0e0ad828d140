/**
 * PinnLoss64.lossOnly, the landscape's loss evaluation without the gradient: the same loss as
 * evaluate() to the last bit (same forward passes, same residual sums), in both precisions and
 * on every kind of term; and it leaves nothing behind that changes the next evaluate().
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../workers/config/validate';
import { Rng } from '../../../workers/engine/rng';
import { initialTheta, inputMap, networkShape, sampleCollocation } from '../../../workers/problems/collocation';
import { PinnLoss64 } from '../../../workers/problems/pinnLoss64';
import { buildProblemModel } from '../../../workers/problems/problemModel';

function lossOf(problem: unknown, precision: 'float32' | 'float64') {
  const config = resolveConfig({ problem, network: { hidden: [6, 6] }, sampling: { interior: 48, boundary: 16 } });
  const model = buildProblemModel(config.problem);
  const rng = new Rng(3);
  const shape = networkShape(config, model);
  const theta = initialTheta(shape, rng);
  const loss = new PinnLoss64(model, shape, inputMap(model), sampleCollocation(config, model, rng), config.loss, precision);
  return { loss, theta };
}

describe('the loss without its gradient (PinnLoss64.lossOnly)', () => {
  it.each([
    ['Dirichlet and Neumann faces, a time face', { kind: 'custom', domain: { type: 'box', min: [0], max: [1], time: [0, 1] }, equation: 'u_t + u*u_x = u_xx + sin(x)', boundary: [{ where: 'x=0', type: 'neumann', value: 'cos(t)' }, { where: 'x=1', value: '0' }], initial: { value: 'x^2' } }],
    ['two unknowns on a periodic axis', { kind: 'schrodinger1d' }],
    ['a hard Dirichlet face', { kind: 'custom', domain: { type: 'box', min: [0, 0], max: [1, 1] }, equation: 'u_xx + u_yy = x', boundary: [{ where: 'x=0', value: 'y', hard: true }, { where: 'x=1', type: 'neumann', value: '0' }, { where: 'y=0', value: '0' }, { where: 'y=1', value: 'x' }] }],
  ])('equals evaluate().loss exactly with %s, in float64 and float32', (_, problem) => {
    for (const precision of ['float64', 'float32'] as const) {
      const { loss, theta } = lossOf(problem, precision);
      const shifted = theta.map((v, i) => v + 0.1 * Math.sin(i));
      const full = loss.evaluate(shifted);
      expect(loss.lossOnly(shifted)).toBe(full.loss);
      expect(loss.lossOnly(theta)).not.toBe(full.loss);
      // The adjoints it skipped are zeroed by the next evaluate: the gradient is unchanged.
      expect(Array.from(loss.evaluate(shifted).grad)).toEqual(Array.from(full.grad));
    }
  });
});
