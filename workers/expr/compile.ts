/**
 * Compiles a checked expression to closures over an algebra (tensors or plain numbers). Subtrees
 * that read no unknown are "static": for a fixed point set they are evaluated once at bind time
 * (the source term of a PDE costs nothing per training step).
 */
import type { Expr } from './ast';
import { NUMERIC_FUNCTIONS } from './functions';
import { resolveName, type Scope } from './scope';

export interface Algebra<T> {
  constant(value: number): T;
  neg(a: T): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  /** `exponent` is set when the exponent is a literal number (x^2 becomes a square). */
  pow(a: T, b: T, exponent?: number): T;
  call(fn: string, args: T[]): T;
}

export type FieldValues<T> = Readonly<Record<string, T>>;

function isStatic(expr: Expr, scope: Scope): boolean {
  switch (expr.kind) {
    case 'num':
      return true;
    case 'name':
      return resolveName(expr.name, scope).kind !== 'field';
    case 'neg':
      return isStatic(expr.arg, scope);
    case 'bin':
      return isStatic(expr.left, scope) && isStatic(expr.right, scope);
    case 'call':
      return expr.args.every((arg) => isStatic(arg, scope));
  }
}

function literal(expr: Expr): number | undefined {
  if (expr.kind === 'num') return expr.value;
  if (expr.kind === 'neg' && expr.arg.kind === 'num') return -expr.arg.value;
  return undefined;
}

/**
 * Binds an expression to one point set. `coordinates[i]` holds coordinate i at every point;
 * `hold` wraps each static evaluation (for tensors: tf.tidy + keep), and `statics` lists what it
 * made so the owner can dispose it.
 */
export function bindExpression<T>(
  expr: Expr,
  scope: Scope,
  algebra: Algebra<T>,
  coordinates: readonly T[],
  hold: (make: () => T) => T = (make) => make(),
): { evaluate: (fields: FieldValues<T>) => T; statics: T[] } {
  const statics: T[] = [];

  const evaluateNow = (e: Expr): T => build(e, false)({});

  const build = (e: Expr, split: boolean): ((fields: FieldValues<T>) => T) => {
    if (split && isStatic(e, scope)) {
      const value = hold(() => evaluateNow(e));
      statics.push(value);
      return () => value;
    }
    switch (e.kind) {
      case 'num': {
        const value = e.value;
        return () => algebra.constant(value);
      }
      case 'name': {
        const ref = resolveName(e.name, scope, e.column);
        if (ref.kind === 'constant') return () => algebra.constant(ref.value);
        if (ref.kind === 'coordinate') {
          const value = coordinates[ref.index];
          return () => value;
        }
        const key = ref.key;
        return (fields) => {
          const value = fields[key];
          if (value === undefined) throw new Error(`internal: field '${key}' was not computed`);
          return value;
        };
      }
      case 'neg': {
        const arg = build(e.arg, split);
        return (fields) => algebra.neg(arg(fields));
      }
      case 'bin': {
        const left = build(e.left, split);
        const right = build(e.right, split);
        switch (e.op) {
          case '+':
            return (f) => algebra.add(left(f), right(f));
          case '-':
            return (f) => algebra.sub(left(f), right(f));
          case '*':
            return (f) => algebra.mul(left(f), right(f));
          case '/':
            return (f) => algebra.div(left(f), right(f));
          case '^': {
            const exponent = literal(e.right);
            return (f) => algebra.pow(left(f), right(f), exponent);
          }
        }
        throw new Error('internal: unknown operator');
      }
      case 'call': {
        const args = e.args.map((arg) => build(arg, split));
        const fn = e.fn;
        return (f) => algebra.call(fn, args.map((arg) => arg(f)));
      }
    }
  };

  return { evaluate: build(expr, true), statics };
}


/** Float64 evaluation of a coordinate-only expression at one point (exact solutions, boundary data). */
export function compileNumeric(expr: Expr, scope: Scope): (point: ArrayLike<number>) => number {
  switch (expr.kind) {
    case 'num': {
      const value = expr.value;
      return () => value;
    }
    case 'name': {
      const ref = resolveName(expr.name, scope, expr.column);
      if (ref.kind === 'constant') {
        const value = ref.value;
        return () => value;
      }
      if (ref.kind === 'coordinate') {
        const index = ref.index;
        return (p) => p[index];
      }
      throw new Error(`'${expr.name}' cannot be evaluated here: it is an unknown field`);
    }
    case 'neg': {
      const arg = compileNumeric(expr.arg, scope);
      return (p) => -arg(p);
    }
    case 'bin': {
      const l = compileNumeric(expr.left, scope);
      const r = compileNumeric(expr.right, scope);
      switch (expr.op) {
        case '+':
          return (p) => l(p) + r(p);
        case '-':
          return (p) => l(p) - r(p);
        case '*':
          return (p) => l(p) * r(p);
        case '/':
          return (p) => l(p) / r(p);
        case '^':
          return (p) => Math.pow(l(p), r(p));
      }
      throw new Error('internal: unknown operator');
    }
    case 'call': {
      const fn = NUMERIC_FUNCTIONS[expr.fn];
      const args = expr.args.map((arg) => compileNumeric(arg, scope));
      if (args.length === 1) {
        const a = args[0];
        return (p) => fn(a(p));
      }
      return (p) => fn(...args.map((arg) => arg(p)));
    }
  }
}

