/**
 * Validates a run config at the edge: schema first, then the problem (built-in lookup, faces,
 * expressions parsed and their names checked). Every refusal names the field path.
 */
import type { z } from 'zod';
import type { ConfigIssue, ValidationResult } from '../protocol/service';
import { parseEquation, parseExpression } from '../expr/parser';
import { checkExpression, type Scope } from '../expr/scope';
import { ExprError } from '../expr/exprError';
import { differentiateBounded } from '../expr/differentiate';
import { builtinProblem, BUILTIN_PROBLEM_IDS } from '../problems/library';
import { coordinateNames, periodicAxes } from '../problems/domain';
import { parseWhere } from '../problems/holes';
import { REFERENCE_IDS, referenceShape } from '../reference/registry';
import { REFERENCE_TABLE_IDS, referenceTable } from '../reference/tables';
import { tengConfigIssues } from '../methods/teng/tengChecks';
import { CustomProblemSchema, RunConfigSchema, type CustomProblem, type RunConfig } from './schema';
import { checkMeshMover } from './meshMoverChecks';

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    // A key that is not a plain name (an empty or spaced key someone typed) is quoted, so the path still names it.
    else if (typeof key !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(key)) out += `[${JSON.stringify(String(key))}]`;
    else out += out ? `.${key}` : key;
  }
  return out;
}

function zodIssues(error: z.ZodError, prefix: PropertyKey[] = []): ConfigIssue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath([...prefix, ...issue.path, key]), message: `unknown key '${key}'` }))
      : [{ path: formatPath([...prefix, ...issue.path]), message: issue.message }],
  );
}

function checkProblemExpressions(problem: CustomProblem, issues: ConfigIssue[]): void {
  const coordinates = coordinateNames(problem.domain);
  const fields: Scope = { coordinates, unknowns: problem.unknowns };
  const plain: Scope = { coordinates, unknowns: [] };
  const check = (path: string, text: string, kind: 'equation' | 'expression', scope: Scope) => {
    try {
      if (kind === 'equation') {
        const { lhs, rhs } = parseEquation(text);
        checkExpression(lhs, scope);
        checkExpression(rhs, scope);
      } else {
        checkExpression(parseExpression(text), scope);
      }
    } catch (error) {
      if (!(error instanceof ExprError)) throw error;
      issues.push({ path, message: error.message });
    }
  };

  const equations = Array.isArray(problem.equation) ? problem.equation : [problem.equation];
  if (equations.length !== problem.unknowns.length) {
    issues.push({
      path: 'problem.equation',
      message: `has ${equations.length} equation${equations.length === 1 ? '' : 's'} for ${problem.unknowns.length} unknown${problem.unknowns.length === 1 ? '' : 's'} (${problem.unknowns.join(', ')})`,
    });
  }
  equations.forEach((text, i) => check(Array.isArray(problem.equation) ? `problem.equation[${i}]` : 'problem.equation', text, 'equation', fields));

  problem.boundary.forEach((piece, i) => {
    const path = `problem.boundary[${i}]`;
    try {
      parseWhere(piece.where, problem.domain);
    } catch (error) {
      issues.push({ path: `${path}.where`, message: (error as Error).message });
    }
    if (piece.unknown !== undefined && !problem.unknowns.includes(piece.unknown)) {
      issues.push({ path: `${path}.unknown`, message: `'${piece.unknown}' is not an unknown (unknowns: ${problem.unknowns.join(', ')})` });
    }
    if (piece.unknown === undefined && problem.unknowns.length > 1) {
      issues.push({ path: `${path}.unknown`, message: `is required when there are several unknowns (${problem.unknowns.join(', ')})` });
    }
    check(`${path}.value`, piece.value, 'expression', plain);
  });

  if (problem.initial) {
    const time = problem.domain.time;
    if (!time) issues.push({ path: 'problem.initial', message: 'the domain has no time interval (add domain.time: [start, end])' });
    for (const [key, text] of Object.entries(problem.initial)) {
      const path = `problem.initial.${key}`;
      if (key === 'value' ? problem.unknowns.length > 1 : !problem.unknowns.includes(key)) {
        const expected = problem.unknowns.length > 1 ? `one key per unknown (${problem.unknowns.join(', ')})` : "the key 'value' (or the unknown's name)";
        issues.push({ path, message: `'${key}' is not expected here: use ${expected}` });
        continue;
      }
      check(path, text, 'expression', plain);
    }
  }

  // Each hard piece gives the data on its own faces (hardLift.ts interpolates them), so values may differ per face.
  problem.boundary.forEach((piece, i) => {
    if (piece.hard && piece.type !== 'dirichlet') {
      issues.push({ path: `problem.boundary[${i}].hard`, message: 'only a dirichlet condition can be built into the network (hard)' });
    }
    if (piece.hard) checkHardDerivatives(`problem.boundary[${i}].value`, piece.value, plain, issues);
    if (piece.type === 'neumann' && /^\s*(hole|all)\b/.test(piece.where) && (problem.domain.holes ?? []).length > 0) {
      issues.push({ path: `problem.boundary[${i}].type`, message: 'a neumann condition on a hole is not supported yet (use dirichlet)' });
    }
  });
  (problem.metrics ?? []).forEach((metric, i) => {
    const path = `problem.metrics[${i}]`;
    if (metric.kind === 'profileTable') {
      if (!REFERENCE_TABLE_IDS.includes(metric.table)) issues.push({ path: `${path}.table`, message: `unknown reference table '${metric.table}' (known: ${REFERENCE_TABLE_IDS.join(', ')})` });
      else if (metric.streamFunction !== undefined) {
        if (!problem.unknowns.includes(metric.streamFunction)) issues.push({ path: `${path}.streamFunction`, message: `'${metric.streamFunction}' is not an unknown (unknowns: ${problem.unknowns.join(', ')})` });
        else if (!['u', 'v'].includes(referenceTable(metric.table).unknown)) issues.push({ path: `${path}.streamFunction`, message: `'${metric.table}' gives '${referenceTable(metric.table).unknown}', not a velocity u or v` });
      } else if (!problem.unknowns.includes(referenceTable(metric.table).unknown)) {
        issues.push({ path: `${path}.table`, message: `'${metric.table}' gives '${referenceTable(metric.table).unknown}', which is not an unknown (or name the stream function: streamFunction)` });
      }
      return;
    }
    if (!(problem.domain.holes ?? [])[metric.hole]) issues.push({ path: `${path}.hole`, message: `the domain has no hole ${metric.hole} (domain.holes)` });
    [...metric.velocity, metric.pressure].forEach((name) => {
      if (!problem.unknowns.includes(name)) issues.push({ path: `${path}.${metric.velocity.includes(name) ? 'velocity' : 'pressure'}`, message: `'${name}' is not an unknown (unknowns: ${problem.unknowns.join(', ')})` });
    });
  });
  (problem.upToConstant ?? []).forEach((unknown, i) => {
    if (!problem.unknowns.includes(unknown)) issues.push({ path: `problem.upToConstant[${i}]`, message: `'${unknown}' is not an unknown (unknowns: ${problem.unknowns.join(', ')})` });
  });

  if (problem.reference !== undefined) {
    if (problem.exact !== undefined) issues.push({ path: 'problem.reference', message: "give either 'exact' or 'reference', not both" });
    else if (!REFERENCE_IDS.includes(problem.reference)) {
      issues.push({ path: 'problem.reference', message: `unknown reference solver '${problem.reference}' (known: ${REFERENCE_IDS.join(', ')})` });
    } else {
      const { coordinates: refCoordinates, unknowns: refUnknowns } = referenceShape(problem.reference);
      // A reference is matched by name and may cover some unknowns only (the cavity solver has no pressure, and
      // gives u, v, ψ, ω for either formulation); it must share at least one.
      if (refCoordinates.join(',') !== coordinates.join(',') || !refUnknowns.some((u) => problem.unknowns.includes(u))) {
        issues.push({
          path: 'problem.reference',
          message: `'${problem.reference}' solves for ${refUnknowns.join(', ')} over (${refCoordinates.join(', ')}), but this problem has ${problem.unknowns.join(', ')} over (${coordinates.join(', ')})`,
        });
      }
    }
  }

  if (typeof problem.exact === 'string') {
    if (problem.unknowns.length > 1) {
      issues.push({ path: 'problem.exact', message: `must be an object with one expression per unknown (${problem.unknowns.join(', ')})` });
    } else {
      check('problem.exact', problem.exact, 'expression', plain);
    }
  } else if (problem.exact) {
    for (const [unknown, text] of Object.entries(problem.exact)) {
      if (!problem.unknowns.includes(unknown)) {
        issues.push({ path: `problem.exact.${unknown}`, message: `'${unknown}' is not an unknown (unknowns: ${problem.unknowns.join(', ')})` });
      } else {
        check(`problem.exact.${unknown}`, text, 'expression', plain);
      }
    }
  }
}

/** Hard conditions compile the value's derivatives up to order 2: refuse values whose derivatives are too large. */
function checkHardDerivatives(path: string, text: string, scope: Scope, issues: ConfigIssue[]): void {
  let expr;
  try {
    expr = parseExpression(text);
    checkExpression(expr, scope);
  } catch {
    return; // reported by the expression check already
  }
  const n = scope.coordinates.length;
  try {
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) differentiateBounded(expr, [i, j], scope);
  } catch (error) {
    if (!(error instanceof ExprError)) throw error;
    issues.push({ path, message: error.message });
  }
}

function resolveProblem(raw: Record<string, unknown>, issues: ConfigIssue[]): (CustomProblem & { id: string }) | undefined {
  let definition: unknown = raw;
  let id = 'custom';
  if (raw.kind !== 'custom') {
    const builtin = builtinProblem(String(raw.kind));
    if (!builtin) {
      issues.push({ path: 'problem.kind', message: `unknown problem '${String(raw.kind)}' (known: custom, ${BUILTIN_PROBLEM_IDS.join(', ')})` });
      return undefined;
    }
    const extra = Object.keys(raw).filter((key) => key !== 'kind');
    if (extra.length > 0) {
      issues.push({ path: `problem.${extra[0]}`, message: `a built-in problem takes only 'kind'; copy it as a custom problem to change '${extra[0]}'` });
      return undefined;
    }
    definition = builtin.problem;
    id = builtin.id;
  }
  const parsed = CustomProblemSchema.safeParse(definition);
  if (!parsed.success) {
    issues.push(...zodIssues(parsed.error, ['problem']));
    return undefined;
  }
  const before = issues.length;
  checkProblemExpressions(parsed.data, issues);
  return issues.length === before ? { ...parsed.data, id } : undefined;
}

/** Parses and checks a config; throws ConfigError listing every problem found. */
export function resolveConfig(input: unknown): RunConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ConfigError([{ path: '', message: 'a run config must be a JSON object' }]);
  }
  const parsed = RunConfigSchema.safeParse(input);
  if (!parsed.success) throw new ConfigError(zodIssues(parsed.error));
  const issues: ConfigIssue[] = [];
  let problem = resolveProblem(parsed.data.problem, issues);
  if (!problem) throw new ConfigError(issues);
  if (parsed.data.method.name === 'mesh-mover') {
    const checked = checkMeshMover(parsed.data.method, problem);
    if (checked.issues.length > 0) throw new ConfigError(checked.issues);
    problem = checked.problem;
  }
  if (parsed.data.method.name === 'teng') {
    const refused = tengConfigIssues(parsed.data.method, problem);
    if (refused.length > 0) throw new ConfigError(refused);
  }
  // Two fields disagree: both are named, since either may be the one to change.
  if (parsed.data.network.periodicEmbedding) {
    const method = parsed.data.method.name;
    if (method !== 'pinn') {
      throw new ConfigError([
        { path: 'network.periodicEmbedding', message: `is a PINN option, not one of '${method}'` },
        { path: 'method.name', message: `'${method}' does not take network.periodicEmbedding (a PINN option)` },
      ]);
    }
    if (periodicAxes(problem.domain).length === 0) {
      throw new ConfigError([
        { path: 'network.periodicEmbedding', message: 'needs a periodic domain (problem.domain.periodic: true or a list of axes)' },
        { path: 'problem.domain.periodic', message: 'names no periodic axis, which network.periodicEmbedding needs' },
      ]);
    }
  }
  if (parsed.data.sampling.nearHoles && (problem.domain.holes ?? []).length === 0) {
    throw new ConfigError([{ path: 'sampling.nearHoles', message: 'needs a domain with holes (problem.domain.holes)' }]);
  }
  const name = parsed.data.name === 'run' && problem.title ? problem.id : parsed.data.name;
  return { ...parsed.data, name, problem };
}

export function validateConfig(input: unknown): ValidationResult {
  try {
    return { ok: true, config: resolveConfig(input) };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, issues: error.issues };
    throw error;
  }
}
