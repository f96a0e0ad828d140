import { describe, expect, it } from 'vitest';
import { resolveConfig, validateConfig } from '../../../workers/config/validate';
import type { MeshMoverSpec } from '../../../workers/config/schema';

const front = {
  kind: 'custom',
  domain: { type: 'box', min: [0, 0], max: [1, 1] },
  equation: 'u = tanh((x - 0.5)/0.05)',
  exact: 'tanh((x - 0.5)/0.05)',
};
const issues = (config: unknown) => {
  const result = validateConfig(config);
  if (result.ok) throw new Error('config was accepted');
  return result.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('mesh-mover config', () => {
  it('fills the defaults and adapts to the problem exact solution when no field is given', () => {
    const config = resolveConfig({ problem: front, method: { name: 'mesh-mover' } });
    const method = config.method as MeshMoverSpec;
    expect(method).toMatchObject({ mover: 'classical', mesh: { type: 'quad', cells: [32, 32] }, alpha: 1 });
    expect(config.problem.exact).toBe('tanh((x - 0.5)/0.05)');
  });

  it('a given field becomes the exact solution the interpolant is measured against', () => {
    const config = resolveConfig({ problem: front, method: { name: 'mesh-mover', field: 'x*y' } });
    expect(config.problem.exact).toBe('x*y');
  });

  it('names the field of every bad input', () => {
    expect(issues({ problem: front, method: { name: 'mesh-mover', mover: 'spring' } })).toEqual(["method.mover: must be 'classical' or 'neural'"]);
    expect(issues({ problem: front, method: { name: 'mesh-mover', mesh: { cells: [32, 0] } } })).toEqual(['method.mesh.cells[1]: cells must be a positive integer']);
    expect(issues({ problem: front, method: { name: 'mesh-mover', mesh: { type: 'hex' } } })).toEqual(["method.mesh.type: must be 'quad' or 'triangle'"]);
    expect(issues({ problem: front, method: { name: 'mesh-mover', field: 'tanh(z)' } })[0]).toMatch(/^method\.field: /);
    expect(issues({ problem: front, method: { name: 'mover' } })).toEqual(["method.name: method name must be one of 'pinn', 'cpinn', 'teng', 'mesh-mover'"]);
    expect(issues({ problem: { ...front, exact: undefined }, method: { name: 'mesh-mover' } })).toEqual(['problem.exact: is required for a mesh mover without method.field: the mesh adapts to the exact solution']);
    expect(issues({ problem: { kind: 'heat1d' }, method: { name: 'mesh-mover' } })).toEqual(['problem.domain: a mesh mover needs a 2D box without time; this problem has coordinates (x, t)']);
  });

  it('checks the operator mode: neural only, parameters and target matching', () => {
    const operator = { parameters: { c: [0.3, 0.7] }, target: { c: 0.5 } };
    const ok = resolveConfig({ problem: front, method: { name: 'mesh-mover', mover: 'neural', field: 'tanh((x - c)/0.05)', operator } });
    expect(ok.problem.exact).toBeUndefined();
    expect(issues({ problem: front, method: { name: 'mesh-mover', field: 'tanh((x - c)/0.05)', operator } })).toEqual(["method.operator: operator mode trains a network: needs mover 'neural'"]);
    expect(issues({ problem: front, method: { name: 'mesh-mover', mover: 'neural', field: 'tanh((x - c)/0.05)', operator: { parameters: { c: [0.7, 0.3] }, target: { d: 1 } } } })).toEqual([
      'method.operator.parameters.c: min (0.7) must be less than max (0.3)',
      "method.operator.target: needs a value for parameter 'c'",
      "method.operator.target.d: 'd' is not a parameter (parameters: c)",
    ]);
    expect(issues({ problem: front, method: { name: 'mesh-mover', mover: 'neural', operator: { parameters: { x: [0, 1] }, target: { x: 0.5 } } } })[0]).toBe("method.operator.parameters.x: 'x' is a coordinate of the box; choose another letter");
  });
});
