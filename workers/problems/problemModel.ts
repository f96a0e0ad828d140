/**
 * A problem from a validated config, parsed once: names, residual expressions (lhs − rhs),
 * boundary pieces with their faces, and float64 exact solutions. Engine-agnostic: the tensor
 * loss and the reference evaluators both start from this.
 */
import type { Expr } from '../expr/ast';
import { compileNumeric } from '../expr/compile';
import { parseEquation, parseExpression } from '../expr/parser';
import type { Scope } from '../expr/scope';
import type { BoundarySpec, CustomProblem, DomainSpec, ProblemMetricSpec } from '../config/schema';
import { coordinateNames, periodicAxes, type Face } from './domain';
import type { HardConstraint } from './hardConstraint';
import { hardLift } from './hardLift';
import { parseWhere } from './holes';
import { referenceShape, referenceSolution } from '../reference/registry';

export interface BoundaryPiece {
  label: string;
  faces: Face[];
  /** Circles of domain.holes this piece covers (indices). */
  holes: number[];
  type: BoundarySpec['type'];
  unknown: string;
  value: Expr;
  weight: number;
  hard: boolean;
}

export interface ProblemModel {
  id: string;
  title: string;
  domain: DomainSpec;
  coordinates: string[];
  unknowns: string[];
  fieldScope: Scope;
  plainScope: Scope;
  /** One residual per equation: lhs − rhs. */
  residuals: Expr[];
  boundary: BoundaryPiece[];
  /** Unknowns whose Dirichlet data is built into the output (pieces marked hard). */
  hard: HardConstraint[];
  /** Periodic space axes: u and its first derivative must agree on the two faces of each. */
  periodic: number[];
  /** Float64 exact solution per unknown, where the config gives one. */
  exact: Partial<Record<string, (point: ArrayLike<number>) => number>>;
  /** A reference solver's id, for problems without a closed-form solution. */
  reference?: string;
  /** Unknowns known up to a constant only (compared after removing the mean difference). */
  upToConstant: string[];
  /** Problem-specific figures for the manifest (workers/run/problemMetrics.ts). */
  metrics: ProblemMetricSpec[];
}

/** Exact (or reference) values of every unknown at n points, undefined where neither exists. */
export function trueValues(model: ProblemModel, points: Float64Array): (Float64Array | undefined)[] {
  const d = model.coordinates.length;
  const n = points.length / d;
  const fromReference = model.reference ? referenceSolution(model.reference).evaluate(points) : undefined;
  // A reference may cover some of the unknowns only (a cavity solver without pressure): match by name.
  const referenceUnknowns = model.reference ? referenceShape(model.reference).unknowns : [];
  return model.unknowns.map((unknown) => {
    const f = model.exact[unknown];
    if (f) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = f(points.subarray(i * d, (i + 1) * d));
      return values;
    }
    const r = referenceUnknowns.indexOf(unknown);
    return r >= 0 ? fromReference?.[r] : undefined;
  });
}

export function buildProblemModel(problem: CustomProblem & { id: string }): ProblemModel {
  const coordinates = coordinateNames(problem.domain);
  const fieldScope: Scope = { coordinates, unknowns: problem.unknowns };
  const plainScope: Scope = { coordinates, unknowns: [] };
  const equations = Array.isArray(problem.equation) ? problem.equation : [problem.equation];
  const residuals = equations.map((text): Expr => {
    const { lhs, rhs } = parseEquation(text);
    return { kind: 'bin', op: '-', left: lhs, right: rhs };
  });
  const boundary: BoundaryPiece[] = problem.boundary.map((piece) => ({
    label: `bc:${piece.where}${problem.unknowns.length > 1 ? `:${piece.unknown}` : ''}`,
    ...parseWhere(piece.where, problem.domain),
    type: piece.type,
    unknown: piece.unknown ?? problem.unknowns[0],
    value: parseExpression(piece.value),
    weight: piece.weight,
    hard: piece.hard,
  }));
  const timeDim = coordinates.indexOf('t');
  for (const [key, text] of Object.entries(problem.initial ?? {})) {
    const unknown = key === 'value' ? problem.unknowns[0] : key;
    boundary.push({
      label: problem.unknowns.length > 1 ? `ic:${unknown}` : 'ic',
      faces: [{ dim: timeDim, side: 'min' }],
      holes: [],
      type: 'dirichlet',
      unknown,
      value: parseExpression(text),
      weight: 1,
      hard: false,
    });
  }
  const hard: HardConstraint[] = problem.unknowns.flatMap((unknown) => {
    const pieces = boundary.filter((piece) => piece.hard && piece.unknown === unknown);
    return pieces.length === 0 ? [] : [hardLift(unknown, pieces, problem.domain, coordinates)];
  });
  const exactTexts: Record<string, string> =
    typeof problem.exact === 'string' ? { [problem.unknowns[0]]: problem.exact } : (problem.exact ?? {});
  const exact: ProblemModel['exact'] = {};
  for (const [unknown, text] of Object.entries(exactTexts)) exact[unknown] = compileNumeric(parseExpression(text), plainScope);
  return {
    id: problem.id,
    title: problem.title ?? problem.id,
    domain: problem.domain,
    coordinates,
    unknowns: problem.unknowns,
    fieldScope,
    plainScope,
    residuals,
    boundary,
    hard,
    periodic: periodicAxes(problem.domain),
    exact,
    reference: problem.reference,
    upToConstant: problem.upToConstant ?? [],
    metrics: problem.metrics ?? [],
  };
}
