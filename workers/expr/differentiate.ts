/**
 * Symbolic differentiation of a coordinate expression with respect to one coordinate, with
 * constant folding so that derivatives of data (boundary values, distance factors) stay small
 * trees. Used where the derivative of given data is needed exactly: hard-constraint transforms.
 */
import type { Expr } from './ast';
import { ExprError } from './exprError';
import { resolveName, type Scope } from './scope';

const num = (value: number): Expr => ({ kind: 'num', value });
const isNum = (e: Expr, value?: number): boolean => e.kind === 'num' && (value === undefined || e.value === value);

function add(a: Expr, b: Expr): Expr {
  if (isNum(a, 0)) return b;
  if (isNum(b, 0)) return a;
  if (a.kind === 'num' && b.kind === 'num') return num(a.value + b.value);
  return { kind: 'bin', op: '+', left: a, right: b };
}

function sub(a: Expr, b: Expr): Expr {
  if (isNum(b, 0)) return a;
  if (a.kind === 'num' && b.kind === 'num') return num(a.value - b.value);
  if (isNum(a, 0)) return neg(b);
  return { kind: 'bin', op: '-', left: a, right: b };
}

function mul(a: Expr, b: Expr): Expr {
  if (isNum(a, 0) || isNum(b, 0)) return num(0);
  if (isNum(a, 1)) return b;
  if (isNum(b, 1)) return a;
  if (a.kind === 'num' && b.kind === 'num') return num(a.value * b.value);
  return { kind: 'bin', op: '*', left: a, right: b };
}

function div(a: Expr, b: Expr): Expr {
  if (isNum(a, 0)) return num(0);
  if (isNum(b, 1)) return a;
  return { kind: 'bin', op: '/', left: a, right: b };
}

function neg(a: Expr): Expr {
  if (a.kind === 'num') return num(-a.value);
  if (a.kind === 'neg') return a.arg;
  return { kind: 'neg', arg: a };
}

const call = (fn: string, ...args: Expr[]): Expr => ({ kind: 'call', fn, args, column: 0 });
const pow = (a: Expr, b: Expr): Expr => (isNum(b, 1) ? a : isNum(b, 0) ? num(1) : { kind: 'bin', op: '^', left: a, right: b });

/** ∂expr/∂(coordinate `dim`); the expression must read coordinates and constants only. */
export function differentiate(expr: Expr, dim: number, scope: Scope): Expr {
  const d = (e: Expr): Expr => differentiate(e, dim, scope);
  switch (expr.kind) {
    case 'num':
      return num(0);
    case 'name': {
      const ref = resolveName(expr.name, scope, expr.column);
      if (ref.kind === 'field') throw new Error(`cannot differentiate the unknown '${expr.name}' symbolically`);
      return num(ref.kind === 'coordinate' && ref.index === dim ? 1 : 0);
    }
    case 'neg':
      return neg(d(expr.arg));
    case 'bin': {
      const { left: a, right: b } = expr;
      switch (expr.op) {
        case '+':
          return add(d(a), d(b));
        case '-':
          return sub(d(a), d(b));
        case '*':
          return add(mul(d(a), b), mul(a, d(b)));
        case '/':
          return div(sub(mul(d(a), b), mul(a, d(b))), pow(b, num(2)));
        case '^':
          return powerRule(a, b, d(a), d(b));
      }
      throw new Error('internal: unknown operator');
    }
    case 'call': {
      const [a, b] = expr.args;
      const da = d(a);
      switch (expr.fn) {
        case 'sin':
          return mul(call('cos', a), da);
        case 'cos':
          return neg(mul(call('sin', a), da));
        case 'tan':
          return div(da, pow(call('cos', a), num(2)));
        case 'exp':
          return mul(call('exp', a), da);
        case 'log':
          return div(da, a);
        case 'sqrt':
          return div(da, mul(num(2), call('sqrt', a)));
        case 'abs':
          return mul(div(a, call('abs', a)), da);
        case 'tanh':
          return mul(sub(num(1), pow(call('tanh', a), num(2))), da);
        case 'sinh':
          return mul(call('cosh', a), da);
        case 'cosh':
          return mul(call('sinh', a), da);
        case 'atan':
          return div(da, add(num(1), pow(a, num(2))));
        case 'pow':
          return powerRule(a, b, da, d(b));
      }
      throw new Error(`cannot differentiate ${expr.fn}()`);
    }
  }
}

function powerRule(a: Expr, b: Expr, da: Expr, db: Expr): Expr {
  if (b.kind === 'num') return mul(mul(num(b.value), pow(a, num(b.value - 1))), da);
  // d(a^b) = a^b · (b' ln a + b a'/a)
  return mul(pow(a, b), add(mul(db, call('log', a)), div(mul(b, da), a)));
}

/** Derivatives of data share subtrees, but compiling walks them out in full: this caps that walk. */
export const MAX_DERIVATIVE_NODES = 200_000;

/** The number of nodes `expr` has written out as a tree, counting no further than `limit`. */
export function expandedSize(expr: Expr, limit: number): number {
  let count = 0;
  const stack: Expr[] = [expr];
  while (stack.length > 0 && count <= limit) {
    const e = stack.pop()!;
    count++;
    if (e.kind === 'neg') stack.push(e.arg);
    else if (e.kind === 'bin') stack.push(e.left, e.right);
    else if (e.kind === 'call') stack.push(...e.args);
  }
  return count;
}

/**
 * ∂ of `expr` along each of `dims` in turn, refused (ExprError) once a derivative would take more
 * than MAX_DERIVATIVE_NODES to compile, so no expression within the parser's limits makes
 * compilation take long (a long product's second derivative grows like its length cubed).
 */
export function differentiateBounded(expr: Expr, dims: readonly number[], scope: Scope): Expr {
  return dims.reduce((e, dim) => {
    const derivative = differentiate(e, dim, scope);
    if (expandedSize(derivative, MAX_DERIVATIVE_NODES) > MAX_DERIVATIVE_NODES) {
      throw new ExprError(`its derivatives are too large to compile (over ${MAX_DERIVATIVE_NODES} terms); simplify the expression`);
    }
    return derivative;
  }, expr);
}
