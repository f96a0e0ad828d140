import { describe, expect, it } from 'vitest';
import { resolveConfig, validateConfig } from '../../../workers/config/validate';
import { pinnSpec } from '../../../workers/config/schema';

const poisson = {
  kind: 'custom',
  domain: { type: 'box', min: [0, 0], max: [1, 1] },
  equation: 'u_xx + u_yy = -2*pi^2*sin(pi*x)*sin(pi*y)',
  boundary: [{ where: 'all', type: 'dirichlet', value: '0' }],
  exact: 'sin(pi*x)*sin(pi*y)',
};
const issues = (config: unknown) => {
  const result = validateConfig(config);
  if (result.ok) throw new Error('config was accepted');
  return result.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('run config', () => {
  it('fills every default except the problem', () => {
    const config = resolveConfig({ problem: poisson });
    expect(config.network).toEqual({ hidden: [32, 32, 32], activation: 'tanh' });
    expect(pinnSpec(config.method).optimizers.map((o) => o.name)).toEqual(['adam', 'lbfgs']);
    expect(config.sampling).toEqual({ interior: 2000, boundary: 400, method: 'random' });
    expect(config.seed).toBe(1);
    expect(config.precision).toBe('float32');
    expect(config.threads).toBe('auto');
  });

  it('resolves a built-in problem by name', () => {
    const config = resolveConfig({ problem: { kind: 'heat1d' } });
    expect(config.problem.id).toBe('heat1d');
    expect(config.problem.domain.time).toEqual([0, 1]);
  });

  it('names the field path and what is wrong', () => {
    expect(issues({})).toEqual(["problem: is required: an object with a 'kind'"]);
    expect(issues({ problem: poisson, network: { hidden: [32, 0] } })).toEqual(['network.hidden[1]: width must be a positive integer']);
    expect(issues({ problem: poisson, network: { activation: 'relu6' } })).toEqual(['network.activation: must be one of tanh, sin, sigmoid, softplus']);
    expect(issues({ problem: poisson, method: { name: 'pinn', optimizers: [{ name: 'adam', lr: -1 }] } })).toEqual(['method.optimizers[0].lr: lr must be a positive number']);
    expect(issues({ problem: poisson, method: { name: 'pinn', optimizers: [{ name: 'sgd' }] } })).toEqual(["method.optimizers[0].name: optimizer name must be 'adam' or 'lbfgs'"]);
    expect(issues({ problem: poisson, netwrok: {} })).toEqual(["netwrok: unknown key 'netwrok'"]);
    expect(issues({ problem: { kind: 'nope' } })).toEqual(['problem.kind: unknown problem \'nope\' (known: custom, poisson2d, poisson2d-sincos, poisson3d, helmholtz2d, heat1d, heat2d, heat2d-periodic, advection1d, wave1d, burgers1d, allen-cahn1d, schrodinger1d, cavity-re100, cavity-re100-streamfunction, cavity-re400, cavity-re1000, kovasznay-re40, cylinder-2d1, taylor-green, heat2d-teng, allen-cahn2d, burgers2d)']);
    expect(issues({ problem: { ...poisson, domain: { type: 'box', min: [0, 1], max: [1, 1] } } })).toEqual(['problem.domain.max[1]: must be greater than min[1] (1)']);
    expect(issues({ problem: { ...poisson, boundary: [{ where: 'x=0.5', value: '0' }] } })).toEqual(["problem.boundary[0].where: 'x=0.5' is not a face of the domain (x runs from 0 to 1)"]);
    expect(issues({ problem: { ...poisson, equation: 'u_xx + u_yy = f(x)' } })).toEqual(["problem.equation: column 15: unknown function 'f' (known: sin, cos, tan, exp, log, sqrt, abs, tanh, sinh, cosh, atan, pow)"]);
    expect(issues({ problem: { ...poisson, exact: 'u + 1' } })).toEqual(["problem.exact: column 1: unknown name 'u' (known: x, y, pi, e)"]);
    expect(issues({ problem: { ...poisson, boundary: [{ where: 'all', value: 'process.exit()' }] } })).toEqual(["problem.boundary[0].value: column 8: unexpected character '.'"]);
    expect(issues({ problem: { ...poisson, equation: ['u_xx = 0', 'u_yy = 0'] } })).toEqual(['problem.equation: has 2 equations for 1 unknown (u)']);
    for (const threads of [0, 2.5, 'all', 65]) expect(issues({ problem: poisson, threads })).toEqual(["threads: must be 'auto' or a whole number from 1 to 64"]);
  });

  it('names what is wrong with periodic axes, initial values and hard conditions', () => {
    const periodic = { ...poisson, domain: { type: 'box', min: [0, 0], max: [1, 1], periodic: ['x'] } };
    expect(issues({ problem: { ...periodic, boundary: [{ where: 'x=0', value: '0' }] } })).toEqual([
      "problem.boundary[0].where: 'x=0' is not a boundary: x is periodic (domain.periodic), so its two faces are joined",
    ]);
    expect(issues({ problem: { ...poisson, boundary: [{ where: 'x=0', type: 'periodic', value: '0' }] } })).toEqual([
      "problem.boundary[0].type: must be 'dirichlet' or 'neumann' (periodic axes are set in domain.periodic)",
    ]);
    expect(issues({ problem: { ...poisson, domain: { type: 'box', min: [0, 0], max: [1, 1], periodic: ['z'] } } })).toEqual([
      "problem.domain.periodic[0]: 'z' is not an axis of this 2D box",
    ]);
    expect(issues({ problem: { ...poisson, initial: { value: 'sin(x)' } } })).toEqual([
      'problem.initial: the domain has no time interval (add domain.time: [start, end])',
    ]);
    expect(issues({ problem: { ...poisson, boundary: [{ where: 'x=0', type: 'neumann', value: '0', hard: true }] } })).toEqual([
      'problem.boundary[0].hard: only a dirichlet condition can be built into the network (hard)',
    ]);
    // Hard data may differ per face (the lift interpolates them: workers/problems/hardLift.ts).
    expect(validateConfig({ problem: { ...poisson, boundary: [{ where: 'x=0', value: '0', hard: true }, { where: 'x=1', value: 'y', hard: true }] } }).ok).toBe(true);
    expect(issues({ problem: { ...poisson, metrics: [{ kind: 'forceCoefficients', viscosity: 1, referenceVelocity: 1, referenceLength: 1 }], upToConstant: ['p'] } })).toEqual([
      'problem.metrics[0].hole: the domain has no hole 0 (domain.holes)',
      "problem.metrics[0].velocity: 'v' is not an unknown (unknowns: u)",
      "problem.metrics[0].pressure: 'p' is not an unknown (unknowns: u)",
      "problem.upToConstant[0]: 'p' is not an unknown (unknowns: u)",
    ]);
    expect(issues({ problem: { ...poisson, metrics: [{ kind: 'profileTable', name: 'dev', table: 'ghia' }] } })).toEqual([
      "problem.metrics[0].table: unknown reference table 'ghia' (known: ghia1982-re100-u, ghia1982-re400-u, ghia1982-re1000-u)",
    ]);
  });

  it('refuses a config that is not an object', () => {
    expect(issues([1, 2])).toEqual([': a run config must be a JSON object']);
    expect(issues(null)).toEqual([': a run config must be a JSON object']);
  });
});

describe('shipped configs', () => {
  it('every example in assets/examples is a valid config', async () => {
    const { loadExamples } = await import('../../../main/runs/examples');
    const examples = await loadExamples();
    expect(examples.map((e) => e.id)).toContain('poisson2d-pinn');
    for (const example of examples) expect(validateConfig(example.config)).toMatchObject({ ok: true });
  });

  it('the published JSON Schema is the one the code generates (run `npm run schema` after changing the config)', async () => {
    const { readFile } = await import('node:fs/promises');
    const { runConfigJsonSchema } = await import('../../../workers/config/jsonSchema');
    const published = JSON.parse(await readFile(new URL('../../../assets/run-config.schema.json', import.meta.url), 'utf8'));
    expect(published).toEqual(runConfigJsonSchema());
  });
});
