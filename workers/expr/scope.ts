/**
 * What a name in an expression refers to: a constant, a coordinate, an unknown, or a derivative
 * of an unknown written `u_x`, `u_xy`, `u_tt` (letters are coordinate names; order up to 2).
 */
import { namesIn, type Expr } from './ast';
import { ExprError } from './exprError';
import { CONSTANTS, FUNCTION_ARITY } from './functions';

export const MAX_DERIVATIVE_ORDER = 2;

export interface Scope {
  /** Single-letter coordinate names in network input order, e.g. ['x', 'y', 't']. */
  coordinates: readonly string[];
  /** Unknown fields the expression may read; empty for expressions of coordinates only. */
  unknowns: readonly string[];
}

export type NameRef =
  | { kind: 'constant'; value: number }
  | { kind: 'coordinate'; index: number }
  /** `dims` are coordinate indices, sorted: [] is the value, [0] is u_x, [0, 1] is u_xy. */
  | { kind: 'field'; unknown: string; dims: number[]; key: string };

export function fieldKey(unknown: string, dims: readonly number[], coordinates: readonly string[]): string {
  return dims.length === 0 ? unknown : `${unknown}_${dims.map((d) => coordinates[d]).join('')}`;
}

function knownNames(scope: Scope): string {
  const names = [...scope.coordinates, ...Object.keys(CONSTANTS), ...scope.unknowns];
  const hint = scope.unknowns.length > 0 ? `, and derivatives like ${scope.unknowns[0]}_${scope.coordinates[0]}` : '';
  return `known: ${names.join(', ')}${hint}`;
}

export function resolveName(name: string, scope: Scope, column?: number): NameRef {
  // Own properties only: 'constructor' or '__proto__' must not resolve through the prototype.
  if (Object.hasOwn(CONSTANTS, name)) return { kind: 'constant', value: CONSTANTS[name] };
  const coordinate = scope.coordinates.indexOf(name);
  if (coordinate >= 0) return { kind: 'coordinate', index: coordinate };
  if (scope.unknowns.includes(name)) return { kind: 'field', unknown: name, dims: [], key: name };
  const underscore = name.indexOf('_');
  if (underscore > 0) {
    const unknown = name.slice(0, underscore);
    const letters = name.slice(underscore + 1);
    if (scope.unknowns.includes(unknown) && letters.length > 0) {
      const dims: number[] = [];
      for (const letter of letters) {
        const dim = scope.coordinates.indexOf(letter);
        if (dim < 0) {
          throw new ExprError(
            `'${name}': '${letter}' is not a coordinate of this domain (coordinates: ${scope.coordinates.join(', ')})`,
            column,
          );
        }
        dims.push(dim);
      }
      if (dims.length > MAX_DERIVATIVE_ORDER) {
        throw new ExprError(`'${name}': derivatives above order ${MAX_DERIVATIVE_ORDER} are not supported`, column);
      }
      dims.sort((a, b) => a - b);
      return { kind: 'field', unknown, dims, key: fieldKey(unknown, dims, scope.coordinates) };
    }
  }
  if (Object.hasOwn(FUNCTION_ARITY, name)) throw new ExprError(`'${name}' is a function: write ${name}(...)`, column);
  throw new ExprError(`unknown name '${name}' (${knownNames(scope)})`, column);
}

/** Throws an ExprError on the first unknown name, unknown function or wrong argument count. */
export function checkExpression(expr: Expr, scope: Scope): void {
  switch (expr.kind) {
    case 'num':
      return;
    case 'name':
      resolveName(expr.name, scope, expr.column);
      return;
    case 'neg':
      checkExpression(expr.arg, scope);
      return;
    case 'bin':
      checkExpression(expr.left, scope);
      checkExpression(expr.right, scope);
      return;
    case 'call': {
      const arity = Object.hasOwn(FUNCTION_ARITY, expr.fn) ? FUNCTION_ARITY[expr.fn] : undefined;
      if (arity === undefined) {
        throw new ExprError(
          `unknown function '${expr.fn}' (known: ${Object.keys(FUNCTION_ARITY).join(', ')})`,
          expr.column,
        );
      }
      if (expr.args.length !== arity) {
        throw new ExprError(
          `${expr.fn}() takes ${arity} argument${arity === 1 ? '' : 's'}, got ${expr.args.length}`,
          expr.column,
        );
      }
      for (const arg of expr.args) checkExpression(arg, scope);
    }
  }
}

/** The field references (unknowns and their derivatives) an expression reads. */
export function fieldRefs(expr: Expr, scope: Scope): Extract<NameRef, { kind: 'field' }>[] {
  const refs = new Map<string, Extract<NameRef, { kind: 'field' }>>();
  for (const name of namesIn(expr)) {
    const ref = resolveName(name, scope);
    if (ref.kind === 'field') refs.set(ref.key, ref);
  }
  return [...refs.values()];
}
