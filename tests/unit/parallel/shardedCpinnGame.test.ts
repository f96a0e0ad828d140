import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../workers/config/validate';
import { Rng } from '../../../workers/engine/rng';
import { CpinnGame } from '../../../workers/methods/cpinn/cpinnGame';
import { Discriminator } from '../../../workers/methods/cpinn/discriminator';
import { residualKinds } from '../../../workers/methods/cpinn/residualKinds';
import { localKinds, ShardedCpinnGame } from '../../../workers/parallel/shardedCpinnGame';
import { initialTheta, inputMap, networkShape, sampleCollocation } from '../../../workers/problems/collocation';
import { buildProblemModel } from '../../../workers/problems/problemModel';

// An equation, a Dirichlet and a Neumann piece, and a periodic axis: every kind of residual.
const config = resolveConfig({
  problem: {
    kind: 'custom',
    domain: { type: 'box', min: [0, 0], max: [1, 2], periodic: ['y'] },
    equation: 'u_xx + u_yy + u*u = sin(x)',
    boundary: [
      { where: 'x=0', type: 'dirichlet', value: 'cos(y)' },
      { where: 'x=1', type: 'neumann', value: '1' },
    ],
  },
  method: { name: 'cpinn', discriminator: { hidden: [9, 9], activation: 'tanh' }, optimizer: { name: 'acgd', iterations: 1 } },
  network: { hidden: [8, 8] },
  sampling: { interior: 257, boundary: 30 },
  precision: 'float64',
});

const closeTo = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  const scale = Math.max(...Array.from(b, Math.abs));
  for (let i = 0; i < b.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-12 * scale);
};

describe('data-parallel CPINN game', () => {
  it('adds up, over 3 threads, to the value, gradients, residual terms and mixed products of one thread', () => {
    const model = buildProblemModel(config.problem);
    const shape = networkShape(config, model);
    const map = inputMap(model);
    const rng = new Rng(2);
    const points = sampleCollocation(config, model, rng);
    const whole = residualKinds(model, points, config.loss);
    const discriminator = new Discriminator({ inputs: 2, hidden: [9, 9], outputs: whole.length, activation: 'tanh' }, map);
    const thetaMin = initialTheta(shape, rng);
    const thetaMax = initialTheta(discriminator.shape, rng);
    const reference = new CpinnGame(shape, map, discriminator, whole).at(thetaMax, thetaMin);

    const { kinds, slices, interiorCount } = localKinds(model, points, config.loss, 3);
    expect(kinds.map((kind) => kind.name)).toEqual(whole.map((kind) => kind.name));
    const game = new ShardedCpinnGame(config, shape, map, discriminator, kinds, slices, interiorCount);
    try {
      expect(game.threads).toBe(3);
      const point = game.at(thetaMax, thetaMin);
      expect(point.value).toBeCloseTo(reference.value, 13);
      closeTo(point.gradMax, reference.gradMax);
      closeTo(point.gradMin, reference.gradMin);
      closeTo(point.meanSquaredResiduals, reference.meanSquaredResiduals);
      const vMin = Float64Array.from(thetaMin, (_, i) => Math.sin(i));
      const vMax = Float64Array.from(thetaMax, (_, i) => Math.cos(i));
      closeTo(point.mixedMaxMin(vMin), reference.mixedMaxMin(vMin));
      closeTo(point.mixedMinMax(vMax), reference.mixedMinMax(vMax));
      point.release();
      game.at(thetaMax, thetaMin);
      expect(() => point.mixedMaxMin(vMin)).toThrow('internal: mixedMaxMin of a game point after the next point was built');
    } finally {
      game.dispose();
    }
  }, 60_000);
});
