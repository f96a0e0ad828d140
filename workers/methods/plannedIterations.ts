/** How many step()s a config's method will take, known before it starts (for progress). */
import type { RunConfig } from '../config/schema';
import { tengStepCount } from './teng/tengChecks';

export function plannedIterations(config: RunConfig): number {
  const method = config.method;
  switch (method.name) {
    case 'pinn':
      return method.optimizers.reduce((n, o) => n + o.iterations, 0);
    case 'cpinn':
      return method.optimizer.iterations;
    case 'mesh-mover':
      return method.iterations;
    case 'teng':
      return method.fitIterations + (config.problem.domain.time ? tengStepCount(config.problem.domain.time, method.dt) : 0);
  }
}
