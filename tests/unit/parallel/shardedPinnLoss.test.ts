import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../workers/config/validate';
import { Rng } from '../../../workers/engine/rng';
import { sliceSizes } from '../../../workers/parallel/interiorSlices';
import { ShardedPinnLoss } from '../../../workers/parallel/shardedPinnLoss';
import type { LossShardRequest, LossShardResult } from '../../../workers/parallel/lossShardThread';
import { SyncThread } from '../../../workers/parallel/syncThread';
import { pinnThreads } from '../../../workers/parallel/threadCount';
import { initialTheta, inputMap, networkShape, sampleCollocation } from '../../../workers/problems/collocation';
import { PinnLoss64 } from '../../../workers/problems/pinnLoss64';
import { buildProblemModel } from '../../../workers/problems/problemModel';

// Two equations, a Dirichlet and a Neumann piece, and a periodic axis: every kind of term.
const config = resolveConfig({
  problem: {
    kind: 'custom',
    domain: { type: 'box', min: [0, 0], max: [1, 2], periodic: ['y'] },
    unknowns: ['u', 'v'],
    equation: ['u_xx + u_yy + u*v = sin(x)', 'v_x - u_y = 0'],
    boundary: [
      { where: 'x=0', type: 'dirichlet', unknown: 'u', value: 'cos(y)' },
      { where: 'x=1', type: 'neumann', unknown: 'v', value: '1' },
    ],
  },
  method: { name: 'pinn', optimizers: [{ name: 'adam', iterations: 1 }] },
  network: { hidden: [12, 12] },
  sampling: { interior: 301, boundary: 40 },
  precision: 'float64',
});

describe('data-parallel PINN loss', () => {
  it('adds up, over 2 and 3 threads, to the loss, terms and gradient of one thread', () => {
    const model = buildProblemModel(config.problem);
    const shape = networkShape(config, model);
    const rng = new Rng(3);
    const theta = initialTheta(shape, rng);
    const points = sampleCollocation(config, model, rng);
    const whole = new PinnLoss64(model, shape, inputMap(model), points, config.loss, 'float64').evaluate(theta);
    for (const threads of [2, 3]) {
      const sharded = new ShardedPinnLoss(config, model, shape, inputMap(model), points, 'float64', threads);
      try {
        expect(sharded.threads).toBe(threads);
        const parts = sharded.evaluate(theta);
        expect(parts.loss).toBeCloseTo(whole.loss, 12);
        expect(sharded.lossOnly(theta)).toBeCloseTo(whole.loss, 12);
        parts.terms.forEach((term, i) => expect(Math.abs(term - whole.terms[i])).toBeLessThan(1e-12 * Math.max(1, Math.abs(whole.terms[i]))));
        const scale = Math.max(...whole.grad.map(Math.abs));
        parts.grad.forEach((g, i) => expect(Math.abs(g - whole.grad[i])).toBeLessThan(1e-12 * scale));
        // A second evaluation at other parameters goes through the same threads.
        const moved = theta.map((t) => t * 0.9);
        expect(sharded.evaluate(moved).loss).toBeCloseTo(new PinnLoss64(model, shape, inputMap(model), points, config.loss, 'float64').evaluate(moved).loss, 12);
      } finally {
        sharded.dispose();
      }
    }
  }, 60_000);

  it('slices the interior so that the slices cover it and the first carries the boundary work', () => {
    expect(sliceSizes(1000, 300, 2)).toEqual([450, 550]);
    expect(sliceSizes(1000, 0, 3).reduce((a, b) => a + b)).toBe(1000);
    expect(sliceSizes(10, 300, 2)).toEqual([0, 10]);
  });

  it("uses every core (up to 4) from 1000 interior points on 'auto', one thread below", () => {
    expect(pinnThreads('auto', 999, 8)).toBe(1);
    expect(pinnThreads('auto', 1000, 2)).toBe(2);
    expect(pinnThreads('auto', 5000, 16)).toBe(4);
    expect(pinnThreads(3, 10, 2)).toBe(3);
    expect(pinnThreads(8, 5, 2)).toBe(5);
  });

  it("reports a thread's failure, even of a request without a reply, at the next reply, naming the thread", () => {
    const thread = new SyncThread<LossShardRequest, LossShardResult>('lossShardThread', 'compute thread 9');
    try {
      thread.post({ kind: 'points', interior: new Float64Array(2), interiorCount: 1 });
      expect(() => thread.call({ kind: 'evaluate', theta: new Float64Array(3) })).toThrow('compute thread 9: points came before the set-up');
      // The error is reported once; the next request gets its own answer.
      expect(() => thread.call({ kind: 'evaluate', theta: new Float64Array(3) })).toThrow('compute thread 9: no loss set up');
    } finally {
      thread.dispose();
    }
  }, 60_000);
});
