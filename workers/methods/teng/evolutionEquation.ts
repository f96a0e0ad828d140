/**
 * An initial value problem's equation written `u_t = N[u]`: the right-hand side compiled to a
 * float64 evaluator of N at a set of points from u and its space derivatives (and x, y, t).
 */
import type { Expr } from '../../expr/ast';
import { bindExpression } from '../../expr/compile';
import { parseEquation } from '../../expr/parser';
import { fieldRefs, resolveName, type Scope } from '../../expr/scope';
import { jetKey } from '../../float64/jetMlp64';
import { Tape, type TapeNode } from '../../float64/tapeAlgebra';
import type { SpaceDerivative } from './periodicEmbedding';

export interface EvolutionEquation {
  rhs: Expr;
  /** The space derivatives N reads ([] the value, [0] u_x, [0, 0] u_xx, ...). */
  reads: SpaceDerivative[];
}

/** Why an equation cannot be advanced by TENG, or undefined if it can. */
export function evolutionEquationProblem(text: string, scope: Scope): string | undefined {
  try {
    evolutionEquation(text, scope);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export function evolutionEquation(text: string, scope: Scope): EvolutionEquation {
  const time = scope.coordinates.indexOf('t');
  const [unknown] = scope.unknowns;
  const form = `write it as '${unknown}_t = <expression>' (for example '${unknown}_t = 0.1*(${unknown}_xx + ${unknown}_yy)')`;
  if (time < 0) throw new Error(`TENG advances in time, but the domain has no time interval (add domain.time)`);
  if (scope.unknowns.length !== 1) throw new Error(`TENG solves one unknown (this problem has ${scope.unknowns.join(', ')})`);
  const { lhs, rhs } = parseEquation(text);
  const lhsRef = lhs.kind === 'name' ? resolveName(lhs.name, scope) : undefined;
  if (!lhsRef || lhsRef.kind !== 'field' || lhsRef.dims.length !== 1 || lhsRef.dims[0] !== time) {
    throw new Error(`is not an evolution equation '${unknown}_t = N[${unknown}]': ${form}`);
  }
  const refs = fieldRefs(rhs, scope);
  const timed = refs.find((ref) => ref.dims.includes(time));
  if (timed) throw new Error(`the right-hand side reads '${timed.key}', a time derivative: ${form} with space derivatives only on the right`);
  return { rhs, reads: refs.map((ref) => ref.dims) };
}

/** N[u] at n points, given u's space derivatives (keyed by jetKey of their dims) and the coordinates. */
export function rhsEvaluator(equation: EvolutionEquation, scope: Scope, coordinates: readonly Float64Array[]): (derivatives: ReadonlyMap<string, Float64Array>) => Float64Array {
  const tape = new Tape();
  const nodes: TapeNode[] = coordinates.map((value) => ({ value }));
  const bound = bindExpression(equation.rhs, scope, tape.algebra, nodes);
  const refs = fieldRefs(equation.rhs, scope);
  const n = coordinates[0].length;
  return (derivatives) => {
    tape.reset();
    const fields = Object.fromEntries(refs.map((ref) => [ref.key, { value: derivatives.get(jetKey(ref.dims))! } as TapeNode]));
    const value = bound.evaluate(fields).value;
    return typeof value === 'number' ? new Float64Array(n).fill(value) : Float64Array.from(value);
  };
}
