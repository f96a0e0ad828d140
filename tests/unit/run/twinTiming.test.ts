import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../workers/config/validate';
import { Rng } from '../../../workers/engine/rng';
import type { SolverMethod, StepReport } from '../../../workers/methods/method';
import { buildProblemModel } from '../../../workers/problems/problemModel';
import { createMethod } from '../../../workers/run/runner';
import { agedOverFresh, freshTwin, pairedStep, type Twin } from '../../bench/twinTiming';
import { periodicHeat1d, poisson1d } from '../../smallProblems';

const timed = (method: SolverMethod) => () => {
  const start = performance.now();
  const report = method.step();
  return { report, ms: performance.now() - start };
};

describe("the soak's fresh twin", () => {
  // A twin that computed anything else than the aged method would make the timing comparison meaningless.
  it.each([
    ['CPINN', { problem: poisson1d, method: { name: 'cpinn', discriminator: { hidden: [4] }, optimizer: { name: 'acgd', lr: 0.01, iterations: 100, warmStart: true } }, network: { hidden: [4, 4] }, sampling: { interior: 12, boundary: 2 }, precision: 'float64' }],
    ['TENG', { problem: periodicHeat1d(1), method: { name: 'teng', integrator: 'heun', dt: 0.01, iterations: 2, subset: 16, points: 12, fitIterations: 20, fitSubset: 24 }, network: { hidden: [5] } }],
  ])('does, step for step, what the aged %s does (same losses)', (_, input) => {
    const config = resolveConfig(input);
    const model = buildProblemModel(config.problem);
    const rng = new Rng(config.seed);
    const aged = createMethod(config, model, rng);
    for (let k = 0; k < 30; k++) aged.step();
    const twin: Twin = { method: freshTwin(config, model, rng, aged), agedMs: [], twinMs: [], sameLoss: true };
    for (let k = 0; k < 10; k++) pairedStep(twin, timed(aged), k);
    expect(twin.sameLoss).toBe(true);
    expect(twin.agedMs).toHaveLength(10);
    aged.dispose();
    twin.method?.dispose();
  });

  it('finds a method that slows down as it ages', () => {
    // Each step reads a history that grows by 20,000 numbers a step and is not part of the state a
    // twin starts from (preallocated, so that steps allocate nothing and the collector stays out).
    const slowing = (): SolverMethod => {
      const history = new Float64Array(4_000_000).map((_, i) => i % 7);
      let length = 0;
      return {
        step(): StepReport {
          length += 20_000;
          let sum = 0;
          for (let i = 0; i < length; i++) sum += history[i];
          return { optimizer: 'test', loss: 1, terms: { sum } };
        },
        dispose() {},
      } as unknown as SolverMethod;
    };
    const aged = slowing();
    for (let k = 0; k < 150; k++) aged.step();
    const twin: Twin = { method: slowing(), agedMs: [], twinMs: [], sameLoss: true };
    for (let k = 0; k < 20; k++) pairedStep(twin, timed(aged), k);
    // The aged steps read 3.0–3.4 million numbers, the twin's 20,000–400,000: at least 8× the work.
    expect(agedOverFresh(twin)).toBeGreaterThan(2);
  });
});
