/**
 * The centre of a landscape or roughness analysis: the final parameters, the newest checkpoint
 * (read back through the method's own restore), or a recorded trajectory snapshot; the report
 * says which, and the loss at the landscape's middle node is the loss at exactly those parameters.
 */
import { describe, expect, it } from 'vitest';
import { analyseLandscape, analysisTarget, flattenParameters } from '../../../workers/analysis/runAnalysis';
import { ThinnedTrajectory } from '../../../workers/analysis/thinnedTrajectory';
import { resolveConfig } from '../../../workers/config/validate';
import { Rng } from '../../../workers/engine/rng';
import { buildProblemModel } from '../../../workers/problems/problemModel';
import { CHECKPOINT_FORMAT, type RunCheckpoint } from '../../../workers/run/checkpoint';
import { createMethod } from '../../../workers/run/runner';

const config = resolveConfig({ name: 'tiny', problem: { kind: 'poisson2d' }, precision: 'float64', network: { hidden: [4] }, sampling: { interior: 30, boundary: 12 }, method: { name: 'pinn', optimizers: [{ name: 'adam', lr: 0.05, iterations: 50 }] } });

/** Six Adam steps of the run, its trajectory at every step, a checkpoint after step 4. */
function trainedSources() {
  const rng = new Rng(config.seed);
  const method = createMethod(config, buildProblemModel(config.problem), rng);
  const recorder = new ThinnedTrajectory(method.flatParameters!().length, { every: 1, max: 50 });
  recorder.record(0, method.flatParameters!());
  let checkpoint: RunCheckpoint | undefined;
  let atCheckpoint: Float64Array | undefined;
  for (let i = 1; i <= 6; i++) {
    method.step();
    recorder.record(i, method.flatParameters!());
    if (i === 4) {
      checkpoint = { format: CHECKPOINT_FORMAT, iteration: 4, seconds: 0, rng: rng.state(), method: method.checkpoint!() };
      atCheckpoint = method.flatParameters!();
    }
  }
  const sources = { parameters: method.parameters(), trajectory: recorder.data(), checkpoint };
  method.dispose();
  return { sources, atCheckpoint: atCheckpoint! };
}

describe('the parameters an analysis is centred on', () => {
  const { sources, atCheckpoint } = trainedSources();
  const grid = { directions: 'random' as const, alpha: { min: -0.5, max: 0.5, n: 3 }, beta: { min: -0.5, max: 0.5, n: 3 } };

  it('takes the final parameters, the checkpoint, or a trajectory snapshot, and records which in the report', async () => {
    const final = analysisTarget(config, sources, 'final');
    expect(Array.from(final.theta)).toEqual(Array.from(flattenParameters(sources.parameters)));
    expect(final.centre).toEqual({ kind: 'final', iteration: 6, label: 'the final parameters' });
    const checkpoint = analysisTarget(config, sources, 'checkpoint');
    expect(Array.from(checkpoint.theta)).toEqual(Array.from(atCheckpoint));
    expect(checkpoint.centre).toEqual({ kind: 'checkpoint', iteration: 4, label: 'the checkpoint of iteration 4' });
    const snapshot = analysisTarget(config, sources, 2);
    expect(Array.from(snapshot.theta)).toEqual(Array.from(sources.trajectory.values.subarray(2 * snapshot.theta.length, 3 * snapshot.theta.length)));
    const report = await analyseLandscape(snapshot, grid);
    expect(report.centre).toEqual({ kind: 'trajectory', iteration: 2, label: 'the trajectory snapshot of iteration 2' });
    expect(report.losses[4]).toBe(report.lossAtCentre);
    expect(report.lossAtCentre).not.toBe(final.lossAt(Float64Array.from(final.theta)));
    for (const target of [final, checkpoint, snapshot]) target.dispose();
  });

  it('says what is saved when the asked-for parameters are not', () => {
    expect(() => analysisTarget(config, { trajectory: sources.trajectory }, 'final')).toThrow(
      "the final parameters are not saved yet (the run has not ended): centre on 'checkpoint' or a trajectory iteration (0, 1, 2, 3, 4, 5, 6)",
    );
    expect(() => analysisTarget(config, sources, 7)).toThrow('iteration 7 is not a recorded trajectory snapshot; recorded: 0, 1, 2, 3, 4, 5, 6');
    expect(() => analysisTarget(config, { parameters: sources.parameters }, 'checkpoint')).toThrow('this run has no checkpoint (checkpoint.json) to centre on');
  });
});
