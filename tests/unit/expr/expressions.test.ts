import { describe, expect, it } from 'vitest';
import { compileNumeric } from '../../../workers/expr/compile';
import { parseEquation, parseExpression, MAX_NESTING_DEPTH } from '../../../workers/expr/parser';
import { checkExpression, resolveName, type Scope } from '../../../workers/expr/scope';

const plain: Scope = { coordinates: ['x', 'y'], unknowns: [] };
const fields: Scope = { coordinates: ['x', 'y', 't'], unknowns: ['u', 'v'] };
const evaluate = (text: string, point: number[]) => {
  const expr = parseExpression(text);
  checkExpression(expr, plain);
  return compileNumeric(expr, plain)(point);
};
const refusal = (text: string, scope: Scope = plain): string => {
  try {
    const expr = parseExpression(text);
    checkExpression(expr, scope);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`'${text}' was accepted`);
};

describe('expression compiler', () => {
  it('follows precedence: unary minus binds looser than ^, ^ is right-associative', () => {
    expect(evaluate('-2^2', [0, 0])).toBe(-4);
    expect(evaluate('2^3^2', [0, 0])).toBe(512);
    expect(evaluate('2**3', [0, 0])).toBe(8);
    expect(evaluate('1 - 2 - 3', [0, 0])).toBe(-4);
    expect(evaluate('8 / 4 / 2', [0, 0])).toBe(1);
    expect(evaluate('2*-x', [3, 0])).toBe(-6);
  });

  it('evaluates functions, constants and coordinates in float64', () => {
    expect(evaluate('sin(pi*x)*sin(pi*y)', [0.25, 0.5])).toBeCloseTo(Math.sin(Math.PI / 4), 15);
    expect(evaluate('exp(1) - e + pow(x, 3) + sqrt(abs(-y)) + 1.5e-3', [2, 4])).toBeCloseTo(8 + 2 + 1.5e-3, 14);
    expect(evaluate('tanh(x) + cosh(y) - sinh(y) + atan(1) + log(e) + tan(0) + cos(0)', [0, 1])).toBeCloseTo(Math.exp(-1) + Math.PI / 4 + 2, 14);
  });

  it('resolves derivative names to sorted coordinate indices', () => {
    expect(resolveName('u_yx', fields)).toEqual({ kind: 'field', unknown: 'u', dims: [0, 1], key: 'u_xy' });
    expect(resolveName('v_tt', fields)).toEqual({ kind: 'field', unknown: 'v', dims: [2, 2], key: 'v_tt' });
    expect(resolveName('u', fields)).toEqual({ kind: 'field', unknown: 'u', dims: [], key: 'u' });
  });

  it('splits an equation at its one equals sign', () => {
    const { lhs, rhs } = parseEquation('u_xx + u_yy = -1');
    expect(lhs.kind).toBe('bin');
    expect(rhs).toEqual({ kind: 'neg', arg: { kind: 'num', value: 1 } });
  });

  it('refuses code and unknown names with a message naming them', () => {
    expect(refusal('process.exit()')).toBe("column 8: unexpected character '.'");
    expect(refusal('require("fs")')).toBe('column 9: unexpected character \'"\'');
    expect(refusal('constructor')).toMatch(/^column 1: unknown name 'constructor' \(known: x, y, pi, e\)$/);
    expect(refusal('__proto__ + 1')).toMatch(/unknown name '__proto__'/);
    expect(refusal('foo(x)')).toBe('column 1: unknown function \'foo\' (known: sin, cos, tan, exp, log, sqrt, abs, tanh, sinh, cosh, atan, pow)');
    expect(refusal('sin(x, y)')).toBe('column 1: sin() takes 1 argument, got 2');
    expect(refusal('u_x + 1')).toMatch(/unknown name 'u_x'/);
    expect(refusal('u_xxx', fields)).toBe("column 1: 'u_xxx': derivatives above order 2 are not supported");
    expect(refusal('u_z', fields)).toBe("column 1: 'u_z': 'z' is not a coordinate of this domain (coordinates: x, y, t)");
    expect(refusal('sin')).toBe("column 1: 'sin' is a function: write sin(...)");
  });

  it('refuses malformed syntax with the column', () => {
    expect(refusal('2x')).toBe("column 2: missing operator before 'x' (write 2*x, not 2x)");
    expect(refusal('(x + 1')).toBe("column 7: expected ')' but found end of expression");
    expect(refusal('x +')).toBe('column 4: unexpected end of expression');
    expect(refusal('')).toBe('empty expression');
    expect(() => parseEquation('u_xx + u_yy')).toThrow("an equation needs one '=' (e.g. u_xx + u_yy = f)");
    expect(() => parseEquation('u = 1 = 2')).toThrow("column 7: unexpected a second '='");
  });

  it('bounds length and nesting so hostile input stays cheap', () => {
    expect(refusal('('.repeat(MAX_NESTING_DEPTH + 1) + 'x' + ')'.repeat(MAX_NESTING_DEPTH + 1))).toMatch(/nested deeper than 64 levels/);
    expect(refusal('-'.repeat(200) + 'x')).toMatch(/nested deeper than 64 levels/);
    expect(refusal('x+'.repeat(2100) + 'x')).toBe('expression longer than 4000 characters');
  });
});
