/** The syntax tree of a math expression written in a config (`u_xx + u_yy = -2*pi^2*sin(pi*x)`). */

export type BinaryOp = '+' | '-' | '*' | '/' | '^';

export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'name'; name: string; column: number }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'bin'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'call'; fn: string; args: Expr[]; column: number };

export interface Equation {
  lhs: Expr;
  rhs: Expr;
}

/** Every name an expression reads, in order of first appearance. */
export function namesIn(expr: Expr, into: Set<string> = new Set()): Set<string> {
  switch (expr.kind) {
    case 'num':
      break;
    case 'name':
      into.add(expr.name);
      break;
    case 'neg':
      namesIn(expr.arg, into);
      break;
    case 'bin':
      namesIn(expr.left, into);
      namesIn(expr.right, into);
      break;
    case 'call':
      for (const arg of expr.args) namesIn(arg, into);
      break;
  }
  return into;
}
