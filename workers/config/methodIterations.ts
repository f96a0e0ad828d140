import type { RunConfig } from './schema';

/** Iterations a run's method takes in all: the optimizers' sum for a PINN, the mover's count for a mesh mover. */
export function methodIterations(method: RunConfig['method']): number {
  return method.name === 'pinn' ? method.optimizers.reduce((n, o) => n + o.iterations, 0) : method.iterations;
}
