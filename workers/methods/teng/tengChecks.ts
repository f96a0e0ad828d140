/** The config checks TENG needs beyond the schema, each naming the field to fix. */
import type { ConfigIssue } from '../../protocol/service';
import type { CustomProblem, TengMethodSpec } from '../../config/schema';
import { coordinateNames, periodicAxes } from '../../problems/domain';
import { evolutionEquationProblem } from './evolutionEquation';

/** Number of steps of size dt over the time span (throws when dt does not divide it). */
export function tengStepCount([start, end]: readonly [number, number], dt: number): number {
  const span = end - start;
  if (dt > span * (1 + 1e-12)) throw new Error(`dt = ${dt} is larger than the time span ${span} (domain.time [${start}, ${end}])`);
  const steps = Math.round(span / dt);
  if (Math.abs(steps * dt - span) > 1e-9 * span) throw new Error(`the time span ${span} is not a whole number of steps of dt = ${dt} (${span / dt} steps)`);
  return steps;
}

export function tengConfigIssues(spec: TengMethodSpec, problem: CustomProblem): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { domain } = problem;
  if (!domain.time) {
    issues.push({ path: 'problem.domain.time', message: "TENG advances an initial value problem in time: give the domain a time interval, e.g. \"time\": [0, 1]" });
    return issues;
  }
  const equations = Array.isArray(problem.equation) ? problem.equation : [problem.equation];
  const why = evolutionEquationProblem(equations[0], { coordinates: coordinateNames(domain), unknowns: problem.unknowns });
  if (why) issues.push({ path: 'problem.equation', message: why });
  if (periodicAxes(domain).length !== domain.min.length) {
    issues.push({ path: 'problem.domain.periodic', message: 'TENG here needs every space axis periodic (domain.periodic: true); boundary conditions are not built in' });
  }
  if (problem.boundary.length > 0) issues.push({ path: 'problem.boundary', message: 'TENG solves periodic problems: remove the boundary conditions' });
  if (!problem.initial) issues.push({ path: 'problem.initial', message: 'TENG needs the initial condition: "initial": { "value": "<expression>" }' });
  try {
    tengStepCount(domain.time, spec.dt);
  } catch (error) {
    issues.push({ path: 'method.dt', message: (error as Error).message });
  }
  return issues;
}
