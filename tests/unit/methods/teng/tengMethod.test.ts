import { describe, expect, it } from 'vitest';
import { resolveConfig, validateConfig } from '../../../../workers/config/validate';
import type { MetricsRow } from '../../../../workers/protocol/service';
import { Runner } from '../../../../workers/run/runner';
import type { FieldSnapshot } from '../../../../workers/protocol/service';
import { TimeFrames } from '../../../../main/runs/timeFrames';
import { periodicHeat1d } from '../../../smallProblems';

// 1D periodic heat, u = e^{−0.1t} sin x + 0.5 e^{−0.4t} cos 2x: small enough for a unit test.
const heat1d = periodicHeat1d(0.1);
const tengConfig = (integrator: 'euler' | 'heun', extra: object = {}) => ({
  problem: heat1d,
  method: { name: 'teng', integrator, dt: 0.02, iterations: 3, subset: 64, points: 24, fitIterations: 40, fitSubset: 96, ...extra },
  network: { hidden: [8, 8] },
  evaluation: { every: 1, grid: 64 },
});

async function run(config: object) {
  const rows: MetricsRow[] = [];
  const frames = new TimeFrames();
  const sent: FieldSnapshot[] = [];
  const frame = (f: FieldSnapshot) => (sent.push(f), frames.add(f));
  const result = await new Runner().run(resolveConfig(config), { rows: (r) => rows.push(...r), snapshot: () => {}, status: () => {}, frame });
  return { result, rows, frames, sent };
}

describe('TENG on periodic heat (tiny network, a few steps)', () => {
  it('follows the exact solution: relL2 at the final time small, one error row per step with its time', async () => {
    const { result, rows } = await run(tengConfig('heun'));
    expect(result.status).toBe('completed');
    expect(result.iterations).toBe(40 + 5);
    const steps = rows.filter((r) => r.optimizer === 'teng-heun');
    expect(steps.map((r) => r.t)).toEqual([0.02, 0.04, 0.06, 0.08, 0.1].map((t) => expect.closeTo(t, 12)));
    expect(steps.every((r) => r.relL2 !== undefined && r.terms.lsq >= 0)).toBe(true);
    const fitted = rows.filter((r) => r.optimizer === 'fit').at(-1)!.relL2!;
    expect(result.metrics.relL2).toBe(steps.at(-1)!.relL2);
    // The error after five steps is the fit's error carried along (measured 5.6e-4 → 4.7e-4), not a growing one.
    expect(result.metrics.relL2).toBeLessThan(1.5 * fitted);
    expect(result.metrics.relL2).toBeLessThan(2e-3);
  });

  it('keeps the field at each saved time: one frame per time (the t = 0 one after the whole fit), with the exact field', async () => {
    const { frames, sent } = await run(tengConfig('euler'));
    const kept = frames.from(0);
    expect(kept.map((f) => f.fixed.t)).toEqual([0, 0.02, 0.04, 0.06, 0.08, 0.1].map((t) => expect.closeTo(t, 12)));
    expect(kept[0].iteration).toBe(40);
    expect(kept[0]).toBe(sent.filter((f) => f.fixed.t === 0).at(-1));
    // The field moves: heat decays every mode, so the prediction's norm falls from frame to frame.
    const norms = kept.map((f) => Math.hypot(...f.prediction));
    norms.slice(1).forEach((n, k) => expect(n).toBeLessThan(norms[k]));
    // The exact field beside each prediction: their difference is the error the run measured.
    const last = kept.at(-1)!;
    const error = Math.hypot(...last.prediction.map((v, i) => v - last.exact![i])) / Math.hypot(...last.exact!);
    expect(error).toBeLessThan(1e-2);
    const { header, values } = frames.files();
    const entries = (header as { frames: { t: number; prediction: number; error: number }[] }).frames;
    const stored = new Float32Array(values.buffer, values.byteOffset, values.byteLength / 4);
    expect(entries).toHaveLength(6);
    expect(stored).toHaveLength(6 * 2 * last.prediction.length);
    expect(stored[entries[5].prediction + 7]).toBe(last.prediction[7]);
    expect(stored[entries[5].error + 7]).toBe(Math.fround(last.prediction[7] - last.exact![7]));
    expect(frames.from(5)).toEqual([last]);
  });
});

describe('TENG config errors', () => {
  const messages = (config: object) => {
    const result = validateConfig(config);
    return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
  };
  it('refuses an equation not written u_t = ...', () => {
    expect(messages({ ...tengConfig('heun'), problem: { ...heat1d, equation: 'u_t - 0.1*u_xx = 0' } })).toEqual([
      "problem.equation: is not an evolution equation 'u_t = N[u]': write it as 'u_t = <expression>' (for example 'u_t = 0.1*(u_xx + u_yy)')",
    ]);
    expect(messages({ ...tengConfig('heun'), problem: { ...heat1d, equation: 'u_t = u_tt' } })[0]).toContain("reads 'u_tt', a time derivative");
  });
  it('refuses a dt larger than the time span, or one that does not divide it', () => {
    expect(messages(tengConfig('heun', { dt: 0.5 }))).toEqual(['method.dt: dt = 0.5 is larger than the time span 0.1 (domain.time [0, 0.1])']);
    expect(messages(tengConfig('heun', { dt: 0.03 }))[0]).toMatch(/^method\.dt: the time span 0\.1 is not a whole number of steps of dt = 0\.03/);
  });
  it('refuses a problem without a time interval, naming domain.time', () => {
    const { time: _time, ...steady } = heat1d.domain;
    expect(messages({ ...tengConfig('heun'), problem: { ...heat1d, domain: steady, equation: 'u_xx = -sin(x)', initial: undefined, exact: 'sin(x)' } })).toEqual([
      'problem.domain.time: TENG advances an initial value problem in time: give the domain a time interval, e.g. "time": [0, 1]',
    ]);
  });
  it('refuses a non-periodic domain and an unknown integrator', () => {
    expect(messages({ ...tengConfig('heun'), problem: { ...heat1d, domain: { ...heat1d.domain, periodic: false }, boundary: [{ where: 'all', value: '0' }] } })).toEqual([
      'problem.domain.periodic: TENG here needs every space axis periodic (domain.periodic: true); boundary conditions are not built in',
      'problem.boundary: TENG solves periodic problems: remove the boundary conditions',
    ]);
    expect(messages(tengConfig('rk4' as 'heun'))).toEqual(["method.integrator: must be 'euler' or 'heun'"]);
  });
});
