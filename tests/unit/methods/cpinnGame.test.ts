import { describe, expect, it } from 'vitest';
import { resolveConfig, validateConfig } from '../../../workers/config/validate';
import { Rng } from '../../../workers/engine/rng';
import { jetForward, jetTangent } from '../../../workers/float64/jetMlp64';
import { CpinnGame } from '../../../workers/methods/cpinn/cpinnGame';
import { Discriminator } from '../../../workers/methods/cpinn/discriminator';
import { residualJacobian } from '../../../workers/methods/cpinn/residualJacobian';
import { residualKinds } from '../../../workers/methods/cpinn/residualKinds';
import { dot } from '../../../workers/optimizers/krylov';
import { inputMap, networkShape, sampleCollocation } from '../../../workers/problems/collocation';
import { buildProblemModel } from '../../../workers/problems/problemModel';
import { randomTheta, randomVector } from '../float64/fixtures';

/** A small Poisson problem with Dirichlet and Neumann pieces and a nonlinear term, tanh discriminator (smooth for differences). */
function smallGame(problem: object = {
  kind: 'custom',
  domain: { type: 'box', min: [0, 0], max: [1, 2] },
  equation: 'u_xx + u_yy + 0.3*u^2*u_x = sin(x)*y',
  boundary: [
    { where: 'x=0', value: 'y' },
    { where: 'y=2', type: 'neumann', value: 'x' },
  ],
}) {
  const config = resolveConfig({
    problem,
    method: { name: 'cpinn', discriminator: { hidden: [6, 5], activation: 'tanh' } },
    network: { hidden: [7, 6] },
    sampling: { interior: 40, boundary: 12 },
    precision: 'float64',
  });
  const model = buildProblemModel(config.problem);
  const shape = networkShape(config, model);
  const map = inputMap(model);
  const kinds = residualKinds(model, sampleCollocation(config, model, new Rng(3)), config.loss);
  const discriminator = new Discriminator({ inputs: 2, hidden: [6, 5], outputs: kinds.length, activation: 'tanh' }, map);
  const game = new CpinnGame(shape, map, discriminator, kinds);
  return { game, shape, map, kinds, thetaMax: randomTheta({ ...discriminator.shape }, 21), thetaMin: randomTheta(shape, 22) };
}

const shifted = (theta: Float64Array, v: Float64Array, h: number) => theta.map((t, i) => t + h * v[i]);
const relativeError = (a: Float64Array, b: Float64Array) => Math.hypot(...a.map((v, i) => v - b[i])) / Math.hypot(...b);

describe('the CPINN game', () => {
  it('has one discriminator output per residual kind', () => {
    const { kinds } = smallGame();
    expect(kinds.map((k) => k.name)).toEqual(['pde', 'bc:x=0', 'bc:y=2']);
    const periodic = smallGame({ kind: 'allen-cahn1d' }).kinds.map((k) => k.name);
    expect(periodic).toEqual(['pde', 'ic', 'periodic:x', 'periodic:x:x']);
  });

  it('gradients match central differences of the game value', () => {
    const { game, thetaMax, thetaMin } = smallGame();
    const point = game.at(thetaMax, thetaMin);
    const h = 1e-6;
    const vMax = randomVector(thetaMax.length, 1);
    const vMin = randomVector(thetaMin.length, 2);
    const dMax = (game.at(shifted(thetaMax, vMax, h), thetaMin).value - game.at(shifted(thetaMax, vMax, -h), thetaMin).value) / (2 * h);
    const dMin = (game.at(thetaMax, shifted(thetaMin, vMin, h)).value - game.at(thetaMax, shifted(thetaMin, vMin, -h)).value) / (2 * h);
    expect(dot(point.gradMax, vMax)).toBeCloseTo(dMax, 7);
    expect(dot(point.gradMin, vMin)).toBeCloseTo(dMin, 7);
  });

  it('mixed Hessian–vector products match central differences of the gradients', () => {
    const { game, thetaMax, thetaMin } = smallGame();
    const point = game.at(thetaMax, thetaMin);
    const h = 1e-5;
    const vMin = randomVector(thetaMin.length, 3);
    const vMax = randomVector(thetaMax.length, 4);
    const fdMaxMin = game.at(thetaMax, shifted(thetaMin, vMin, h)).gradMax.map((g, i) => (g - game.at(thetaMax, shifted(thetaMin, vMin, -h)).gradMax[i]) / (2 * h));
    const plus = game.at(shifted(thetaMax, vMax, h), thetaMin).gradMin;
    const minus = game.at(shifted(thetaMax, vMax, -h), thetaMin).gradMin;
    const fdMinMax = plus.map((g, i) => (g - minus[i]) / (2 * h));
    expect(relativeError(point.mixedMaxMin(vMin), fdMaxMin)).toBeLessThan(1e-7);
    expect(relativeError(point.mixedMinMax(vMax), fdMinMax)).toBeLessThan(1e-7);
    // One is the other's transpose: ⟨u, D²ₓᵧL v⟩ = ⟨D²ᵧₓL u, v⟩.
    expect(dot(vMax, point.mixedMaxMin(vMin))).toBeCloseTo(dot(point.mixedMinMax(vMax), vMin), 10);
  });

  it('the factored residual Jacobian agrees with the jet engine’s tangent pass', () => {
    const { kinds, shape, map, thetaMin } = smallGame();
    const pde = kinds[0];
    const { jet, cache } = jetForward(shape, map, thetaMin, pde.points, pde.request, { pointsPerChunk: 16 });
    const { partials } = pde.residual(jet);
    const v = randomVector(thetaMin.length, 5);
    const tangent = jetTangent(cache, v);
    const expected = new Float64Array(pde.points.length / 2);
    for (const [key, values] of partials) for (let p = 0; p < expected.length; p++) expected[p] += values[p] * tangent.get(key)![p];
    expect(relativeError(residualJacobian(cache, partials).apply(v), expected)).toBeLessThan(1e-12);
  });

  it('needs float64', () => {
    const result = validateConfig({ problem: { kind: 'poisson2d' }, method: { name: 'cpinn' } });
    expect(result).toEqual({ ok: false, issues: [{ path: 'precision', message: `method 'cpinn' runs in float64 only: set "precision": "float64"` }] });
  });
});
