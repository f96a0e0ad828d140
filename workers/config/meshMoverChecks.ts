/**
 * The checks of a mesh-mover config that need its problem: a 2D box without time, a field
 * (given, or the problem's exact solution) that parses over the box's coordinates and the
 * operator's parameters, and operator parameters and target that match. The resolved problem's
 * exact solution becomes the field (so relL2 measures the interpolant against it); in operator
 * mode, where the field has parameters, the problem has no exact solution.
 */
import type { ConfigIssue } from '../protocol/service';
import { parseExpression } from '../expr/parser';
import { checkExpression } from '../expr/scope';
import { ExprError } from '../expr/exprError';
import { coordinateNames } from '../problems/domain';
import type { CustomProblem, MeshMoverSpec } from './schema';

export function checkMeshMover<P extends CustomProblem>(method: MeshMoverSpec, problem: P): { issues: ConfigIssue[]; problem: P } {
  const issues: ConfigIssue[] = [];
  const coordinates = coordinateNames(problem.domain);
  if (coordinates.length !== 2 || problem.domain.time) {
    issues.push({ path: 'problem.domain', message: `a mesh mover needs a 2D box without time; this problem has coordinates (${coordinates.join(', ')})` });
    return { issues, problem };
  }
  if ((problem.domain.holes?.length ?? 0) > 1) {
    issues.push({ path: 'problem.domain.holes', message: `a mesh mover meshes a box minus at most one disk (an O-grid); this domain has ${problem.domain.holes!.length}` });
  }
  if (problem.domain.holes?.length === 1 && method.mesh.cells[0] < 4) {
    issues.push({ path: 'method.mesh.cells', message: `on a box minus a disk, cells are [round, out] and need at least 4 round the disk, got ${method.mesh.cells[0]}` });
  }
  const parameters = Object.keys(method.operator?.parameters ?? {});
  parameters.forEach((name) => {
    if (coordinates.includes(name)) issues.push({ path: `method.operator.parameters.${name}`, message: `'${name}' is a coordinate of the box; choose another letter` });
    const [lo, hi] = method.operator!.parameters[name];
    if (!(lo < hi)) issues.push({ path: `method.operator.parameters.${name}`, message: `min (${lo}) must be less than max (${hi})` });
  });
  if (method.operator) {
    const target = method.operator.target;
    for (const name of parameters) if (!(name in target)) issues.push({ path: `method.operator.target`, message: `needs a value for parameter '${name}'` });
    for (const name of Object.keys(target)) if (!parameters.includes(name)) issues.push({ path: `method.operator.target.${name}`, message: `'${name}' is not a parameter (parameters: ${parameters.join(', ') || 'none'})` });
    if (method.mover !== 'neural') issues.push({ path: 'method.operator', message: "operator mode trains a network: needs mover 'neural'" });
    if (parameters.length === 0) issues.push({ path: 'method.operator.parameters', message: 'needs at least one parameter, e.g. { "c": [0.3, 0.7] }' });
  }
  if (typeof method.field === 'object') {
    // A saved run's field: the folder is read when the run starts (main/runs/runField.ts).
    if (method.operator) issues.push({ path: 'method.operator', message: "operator mode trains on an expression family; a run's field needs no operator" });
    if (method.field.series && method.mover !== 'classical') issues.push({ path: 'method.field.series', message: "a time series is followed by the classical mover: set method.mover to 'classical'" });
    return { issues, problem: { ...problem, exact: undefined, reference: undefined } };
  }
  const field = method.field ?? (typeof problem.exact === 'string' ? problem.exact : undefined);
  if (field === undefined) {
    issues.push({ path: 'problem.exact', message: 'is required for a mesh mover without method.field: the mesh adapts to the exact solution' });
    return { issues, problem };
  }
  try {
    checkExpression(parseExpression(field), { coordinates: [...coordinates, ...parameters], unknowns: [] });
  } catch (error) {
    if (!(error instanceof ExprError)) throw error;
    issues.push({ path: method.field !== undefined ? 'method.field' : 'problem.exact', message: error.message });
  }
  return { issues, problem: { ...problem, exact: method.operator ? undefined : field, reference: undefined } };
}
