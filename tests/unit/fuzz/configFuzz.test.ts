/**
 * Property-based tests at the edge: random and mutated configs at the validator, random and
 * hostile expressions at the parser and compiler. Each input is accepted or refused with an
 * issue naming a field (ConfigError) or a column (ExprError); nothing else is ever thrown.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../../../workers/config/validate';
import { compileNumeric } from '../../../workers/expr/compile';
import { differentiateBounded } from '../../../workers/expr/differentiate';
import { ExprError } from '../../../workers/expr/exprError';
import { MAX_EXPRESSION_LENGTH, MAX_NESTING_DEPTH, parseEquation, parseExpression } from '../../../workers/expr/parser';
import { checkExpression } from '../../../workers/expr/scope';

const examplesDir = path.resolve(import.meta.dirname, '../../../assets/examples');
const examples = readdirSync(examplesDir).map((name) => JSON.parse(readFileSync(path.join(examplesDir, name), 'utf8')) as Record<string, unknown>);

/** Every leaf path of a JSON value, e.g. ['problem', 'boundary', 0, 'value']. */
function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.length === 0 ? [prefix] : value.flatMap((v, i) => leafPaths(v, [...prefix, i]));
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    return entries.length === 0 ? [prefix] : entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  }
  return [prefix];
}

function setAt(root: unknown, at: (string | number)[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = at[at.length - 1];
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

/** Expression-ish text: real tokens, names that are not, hostile strings. */
const token = fc.constantFrom('x', 'y', 't', 'u', 'u_x', 'u_xx', 'u_xyz', 'v', 'pi', 'e', 'sin', 'exp', 'log', 'pow', '(', ')', ',', '+', '-', '*', '/', '^', '**', '=', '1', '2.5', '1e308', '1e-320', '.5', ' ', 'constructor', '__proto__', 'process', 'eval', 'require', '`', ';', '"', '\\', '{', '}', '[', ']', '\u0000', 'é', '𝑥');
const expressionText = fc.oneof(
  fc.array(token, { maxLength: 40 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 60 }),
  fc.integer({ min: 1, max: 200 }).map((n) => '('.repeat(n) + 'x' + ')'.repeat(n)),
  fc.integer({ min: 1, max: 120 }).map((n) => 'sin('.repeat(n) + 'x' + ')'.repeat(n)),
  fc.integer({ min: 1, max: 3000 }).map((n) => Array.from({ length: n }, () => 'x').join('*')),
  fc.integer({ min: MAX_EXPRESSION_LENGTH - 2, max: MAX_EXPRESSION_LENGTH + 2 }).map((n) => 'x+'.repeat(n).slice(0, n - 1) + 'x'),
);

const json = fc.jsonValue({ maxDepth: 3 });

function expectRefusedByField(error: unknown, config: unknown): void {
  if (!(error instanceof ConfigError)) throw error; // anything else is a crash
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
    // Only a config that is not an object at all is refused without a field.
    if (typeof config === 'object' && config !== null && !Array.isArray(config)) expect(issue.path).not.toBe('');
  }
}

describe('validator fuzzing', () => {
  it('accepts or refuses 600 mutated example configs, each refusal naming a field, the mutated one among them', () => {
    const mutation = fc.record({
      example: fc.integer({ min: 0, max: examples.length - 1 }),
      pick: fc.nat(),
      remove: fc.boolean(),
      value: fc.oneof(json, expressionText, fc.constantFrom(NaN, Infinity, -1, 0, 1e9, -0, 2 ** 53, '', null, [], {})),
    });
    fc.assert(
      fc.property(mutation, ({ example, pick, remove, value }) => {
        const base = examples[example];
        const paths = leafPaths(base).filter((p) => p.length > 0 && p[0] !== '$schema');
        const at = paths[pick % paths.length];
        const config = setAt(base, at, value, remove);
        try {
          resolveConfig(config);
        } catch (error) {
          expectRefusedByField(error, config);
          expect((error as ConfigError).issues.some((issue) => issue.path.startsWith(String(at[0])))).toBe(true);
        }
      }),
      { numRuns: 600, seed: 20261123 },
    );
  });

  it('accepts or refuses 300 random JSON values and objects with config keys', () => {
    const configish = fc.record(
      { name: json, problem: fc.oneof(json, fc.record({ kind: fc.oneof(fc.constantFrom('custom', 'poisson2d', '__proto__', 'constructor'), fc.string()) })), method: json, network: json, sampling: json, seed: json, checkpoint: json, precision: json, backend: json },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(json, configish), (config) => {
        try {
          resolveConfig(config);
        } catch (error) {
          expectRefusedByField(error, config);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('refuses a custom problem with fuzzed expressions at the field that holds them', () => {
    fc.assert(
      fc.property(expressionText, expressionText, fc.boolean(), (equation, value, hard) => {
        const config = { problem: { kind: 'custom', domain: { type: 'box', min: [0, 0], max: [1, 1] }, equation: `u_xx + u_yy = ${equation}`, boundary: [{ where: 'all', value, hard }] } };
        try {
          resolveConfig(config);
        } catch (error) {
          expectRefusedByField(error, config);
          for (const issue of (error as ConfigError).issues) expect(['problem.equation', 'problem.boundary[0].value']).toContain(issue.path);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('expression parser and compiler fuzzing', () => {
  const fieldScope = { coordinates: ['x', 'y'], unknowns: ['u'] };
  const plainScope = { coordinates: ['x', 'y'], unknowns: [] };

  it('parses, checks and compiles 600 random expressions or refuses them with an ExprError, never running them as code', () => {
    const globalsBefore = Object.keys(globalThis).sort();
    fc.assert(
      fc.property(expressionText, fc.boolean(), (text, equation) => {
        try {
          if (equation) {
            const { lhs, rhs } = parseEquation(text);
            checkExpression(lhs, fieldScope);
            checkExpression(rhs, fieldScope);
          } else {
            const expr = parseExpression(text);
            checkExpression(expr, plainScope);
            const value = compileNumeric(expr, plainScope)([0.25, 0.5]);
            expect(typeof value).toBe('number');
            differentiateBounded(expr, [0, 1], plainScope);
          }
        } catch (error) {
          if (!(error instanceof ExprError)) throw error;
          expect(error.message).toMatch(/^(column \d+: )?\S/);
        }
      }),
      { numRuns: 600, seed: 3 },
    );
    expect(Object.keys(globalThis).sort()).toEqual(globalsBefore);
  });

  it('has limits on length, nesting and the size of compiled derivatives', () => {
    expect(() => parseExpression('x+'.repeat(MAX_EXPRESSION_LENGTH))).toThrow(`expression longer than ${MAX_EXPRESSION_LENGTH} characters`);
    expect(() => parseExpression('('.repeat(MAX_NESTING_DEPTH + 1) + 'x' + ')'.repeat(MAX_NESTING_DEPTH + 1))).toThrow(`expression nested deeper than ${MAX_NESTING_DEPTH} levels`);
    const product = parseExpression(Array.from({ length: 1300 }, () => 'x').join('*'));
    expect(() => differentiateBounded(product, [0, 0], plainScope)).toThrow('its derivatives are too large to compile (over 200000 terms); simplify the expression');
    expect(compileNumeric(differentiateBounded(parseExpression('x*x*y'), [0, 1], plainScope), plainScope)([3, 5])).toBe(6);
  });
});
