/**
 * A scalar field u(x, y; p) given by an expression, with its gradient and Hessian by symbolic
 * differentiation (expr/differentiate), compiled once to float64 closures. Optional named
 * parameters p (single letters, after x and y) make a family of fields for the operator mode.
 */
import { parseExpression } from '../expr/parser';
import { compileNumeric } from '../expr/compile';
import { differentiate } from '../expr/differentiate';
import { checkExpression, type Scope } from '../expr/scope';

export interface ScalarField {
  /** Values at a point [x, y, ...parameters]. */
  value(point: ArrayLike<number>): number;
  gradient(point: ArrayLike<number>): [number, number];
  /** [u_xx, u_xy, u_yy]. */
  hessian(point: ArrayLike<number>): [number, number, number];
}

/** Compiles `text` over the coordinates (two names, e.g. ['x', 'y']) and parameters; throws ExprError on bad input. */
export function expressionField(text: string, coordinates: readonly [string, string], parameters: readonly string[] = []): ScalarField {
  const scope: Scope = { coordinates: [...coordinates, ...parameters], unknowns: [] };
  const expr = parseExpression(text);
  checkExpression(expr, scope);
  const dx = differentiate(expr, 0, scope);
  const dy = differentiate(expr, 1, scope);
  const [u, ux, uy] = [expr, dx, dy].map((e) => compileNumeric(e, scope));
  const [uxx, uxy, uyy] = [differentiate(dx, 0, scope), differentiate(dx, 1, scope), differentiate(dy, 1, scope)].map((e) => compileNumeric(e, scope));
  return {
    value: u,
    gradient: (p) => [ux(p), uy(p)],
    hessian: (p) => [uxx(p), uxy(p), uyy(p)],
  };
}
