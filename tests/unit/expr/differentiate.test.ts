import { describe, expect, it } from 'vitest';
import { compileNumeric } from '../../../workers/expr/compile';
import { differentiate } from '../../../workers/expr/differentiate';
import { parseExpression } from '../../../workers/expr/parser';
import type { Scope } from '../../../workers/expr/scope';

const scope: Scope = { coordinates: ['x', 'y'], unknowns: [] };

describe('symbolic differentiation', () => {
  const cases = [
    'sin(pi*x)*cos(2*y) + x^3 - 4*x*y',
    'exp(-x^2 - y) / (1 + x^2)',
    'log(2 + x) + sqrt(3 + y*x) + tanh(x - y) + atan(x*y)',
    'pow(1.5 + x, y) + (2 + y)^x + abs(x - 3) + tan(0.3*x) + sinh(x)*cosh(y)',
    'x*(1 - x)*y*(1 - y)',
  ];
  it.each(cases)('d/dx and d²/dxdy of %s match central differences', (text) => {
    const f = compileNumeric(parseExpression(text), scope);
    const fx = compileNumeric(differentiate(parseExpression(text), 0, scope), scope);
    const fxy = compileNumeric(differentiate(differentiate(parseExpression(text), 0, scope), 1, scope), scope);
    const h = 1e-5;
    for (const [x, y] of [[0.3, 0.7], [1.1, -0.4], [-0.6, 0.2]]) {
      expect(fx([x, y])).toBeCloseTo((f([x + h, y]) - f([x - h, y])) / (2 * h), 6);
      const H = 1e-4;
      const mixed = (f([x + H, y + H]) - f([x + H, y - H]) - f([x - H, y + H]) + f([x - H, y - H])) / (4 * H * H);
      expect(fxy([x, y])).toBeCloseTo(mixed, 4);
    }
  });

  it('folds constants so that derivatives of constants vanish', () => {
    expect(differentiate(parseExpression('3*y + pi'), 0, scope)).toEqual({ kind: 'num', value: 0 });
  });
});
