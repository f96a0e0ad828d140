import { describe, expect, it } from 'vitest';
import type { LbfgsSpec } from '../../../workers/config/schema';
import { lbfgsInit, lbfgsStep, type LbfgsState } from '../../../workers/optimizers/lbfgs';
import { strongWolfe, type Objective } from '../../../workers/optimizers/strongWolfe';

const spec: LbfgsSpec = { name: 'lbfgs', iterations: 500, lr: 1, history: 20, maxEvaluations: 25, gradientTolerance: 1e-10, changeTolerance: 1e-14 };

const rosenbrock: Objective = (x) => {
  let loss = 0;
  const grad = new Float64Array(x.length);
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    loss += 100 * a * a + b * b;
    grad[i] += -400 * x[i] * a - 2 * b;
    grad[i + 1] += 200 * a;
  }
  return { loss, grad };
};

function minimise(objective: Objective, x0: number[], options = spec): { state: LbfgsState; stopped?: string; iterations: number } {
  let state = lbfgsInit(objective, Float64Array.from(x0));
  for (let i = 0; i < options.iterations; i++) {
    const result = lbfgsStep(options, objective, state);
    state = result.state;
    if (result.stopped) return { state, stopped: result.stopped, iterations: i + 1 };
  }
  return { state, iterations: options.iterations };
}

describe('L-BFGS', () => {
  it('finds the minimum of the 10-dimensional Rosenbrock function and says why it stopped', () => {
    const { state, stopped } = minimise(rosenbrock, [-1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1]);
    for (const v of state.x) expect(v).toBeCloseTo(1, 6);
    expect(stopped).toMatch(/^L-BFGS (converged at iteration \d+: max \|gradient\||stopped at iteration \d+: )/);
  });

  it('solves an ill-conditioned quadratic (condition 1000) to its known minimiser in a few dozen iterations', () => {
    const diag = [1, 10, 100, 1000];
    const target = [3, -1, 0.5, 2];
    const quadratic: Objective = (x) => {
      const grad = x.map((v, i) => diag[i] * (v - target[i]));
      return { loss: x.reduce((s, v, i) => s + 0.5 * diag[i] * (v - target[i]) ** 2, 0), grad };
    };
    const { state, iterations } = minimise(quadratic, [0, 0, 0, 0]);
    state.x.forEach((v, i) => expect(v).toBeCloseTo(target[i], 7));
    expect(iterations).toBeLessThan(30);
  });

  it('stops with a message, never silently, when the start is not finite', () => {
    const broken: Objective = (x) => ({ loss: NaN, grad: new Float64Array(x.length) });
    const { stopped } = minimise(broken, [1, 2]);
    expect(stopped).toBe('L-BFGS cannot start: the loss is NaN');
  });

  it('reports convergence by the gradient tolerance', () => {
    const flat: Objective = (x) => ({ loss: 0, grad: new Float64Array(x.length) });
    expect(minimise(flat, [1]).stopped).toBe('L-BFGS converged at iteration 0: max |gradient| 0.00e+0 ≤ 1e-10');
  });
});

describe('strong Wolfe line search', () => {
  it('returns a step meeting both Wolfe conditions on a 1D quartic', () => {
    const f: Objective = (x) => ({ loss: (x[0] - 2) ** 4 + x[0] ** 2, grad: Float64Array.of(4 * (x[0] - 2) ** 3 + 2 * x[0]) });
    const x = Float64Array.of(0);
    const { loss, grad } = f(x);
    const d = Float64Array.of(-grad[0]);
    const gtd = grad[0] * d[0];
    const result = strongWolfe(f, x, 1, d, loss, grad, gtd);
    expect(result.satisfied).toBe(true);
    expect(result.loss).toBeLessThanOrEqual(loss + 1e-4 * result.t * gtd);
    expect(Math.abs(result.grad[0] * d[0])).toBeLessThanOrEqual(0.9 * Math.abs(gtd));
  });
});
