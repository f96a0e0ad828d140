/**
 * The run config contract (JSON), validated with zod. Every field has a default except
 * `problem`. Keys are strict: a misspelt key is an error naming it, not silently ignored.
 * Expressions are checked in a second pass (resolveConfig), which knows the domain's names.
 */
import { z } from 'zod';
import { ACTIVATION_NAMES } from '../engine/activations';

const finite = (what: string) => z.number({ error: `${what} must be a number` }).refine(Number.isFinite, `${what} must be finite`);
const positiveInt = (what: string) =>
  z.number({ error: `${what} must be a positive integer` }).int(`${what} must be a positive integer`).positive(`${what} must be a positive integer`);
const nonNegativeInt = (what: string) =>
  z.number({ error: `${what} must be a non-negative integer` }).int(`${what} must be a non-negative integer`).nonnegative(`${what} must be a non-negative integer`);
const positive = (what: string) => z.number({ error: `${what} must be a positive number` }).positive(`${what} must be a positive number`).refine(Number.isFinite, `${what} must be finite`);
const expression = z.string({ error: 'must be an expression string' }).min(1, 'must not be empty').max(4000, 'expression longer than 4000 characters');

export const DomainSchema = z
  .object({
    type: z.literal('box', { error: "domain type must be 'box'" }),
    min: z.array(finite('min'), { error: 'must be an array of numbers' }).min(1, 'needs 1 to 3 coordinates').max(3, 'needs 1 to 3 coordinates'),
    max: z.array(finite('max'), { error: 'must be an array of numbers' }).min(1, 'needs 1 to 3 coordinates').max(3, 'needs 1 to 3 coordinates'),
    time: z.tuple([finite('start time'), finite('end time')], { error: 'must be [start, end]' }).optional(),
    /** true (every space axis) or the periodic axes by name, e.g. ["x"]. */
    periodic: z.union([z.boolean(), z.array(z.enum(['x', 'y', 'z'], { error: "periodic axes are space axes: 'x', 'y' or 'z'" }))], { error: 'must be true, false, or a list of axis names' }).optional(),
  })
  .strict()
  .superRefine((domain, ctx) => {
    if (Array.isArray(domain.periodic)) {
      domain.periodic.forEach((axis, i) => {
        if (['x', 'y', 'z'].indexOf(axis) >= domain.min.length) {
          ctx.addIssue({ code: 'custom', path: ['periodic', i], message: `'${axis}' is not an axis of this ${domain.min.length}D box` });
        }
      });
    }
    if (domain.min.length !== domain.max.length) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: `has ${domain.max.length} coordinates but min has ${domain.min.length}` });
      return;
    }
    domain.min.forEach((lo, i) => {
      if (!(lo < domain.max[i])) ctx.addIssue({ code: 'custom', path: ['max', i], message: `must be greater than min[${i}] (${lo})` });
    });
    if (domain.time && !(domain.time[0] < domain.time[1])) {
      ctx.addIssue({ code: 'custom', path: ['time', 1], message: 'end time must be after start time' });
    }
  });

export const BoundarySchema = z
  .object({
    where: z.string({ error: "must be 'all' or a face such as 'x=0'" }).default('all'),
    type: z.enum(['dirichlet', 'neumann'], { error: "must be 'dirichlet' or 'neumann' (periodic axes are set in domain.periodic)" }).default('dirichlet'),
    value: expression,
    /** Dirichlet only: build the condition into the network output so it holds exactly. */
    hard: z.boolean().default(false),
    unknown: z.string().optional(),
    weight: positive('weight').default(1),
  })
  .strict();

export const CustomProblemSchema = z
  .object({
    kind: z.literal('custom'),
    title: z.string().max(200).optional(),
    domain: DomainSchema,
    unknowns: z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be a name of letters and digits (no underscore: u_x means a derivative)'))
      .min(1, 'needs at least one unknown')
      .max(8, 'at most 8 unknowns')
      .default(['u']),
    equation: z.union([expression, z.array(expression).min(1)], { error: 'must be an equation string or an array of them' }),
    boundary: z.array(BoundarySchema).max(64).default([]),
    /** Initial values at the start time: { "value": "..." } for one unknown, or one expression per unknown. */
    initial: z.record(z.string(), expression, { error: 'must be { "value": "<expression>" } or one expression per unknown' }).optional(),
    exact: z.union([expression, z.record(z.string(), expression)]).optional(),
    /** A float64 reference solver (workers/reference) for problems without a closed-form solution. */
    reference: z.string().optional(),
  })
  .strict();

export const BuiltinProblemSchema = z.object({ kind: z.string().min(1) }).strict();

const AdamSchema = z
  .object({
    name: z.literal('adam'),
    lr: positive('lr').default(1e-3),
    iterations: nonNegativeInt('iterations').default(2000),
    beta1: z.number().min(0).max(0.9999999).default(0.9),
    beta2: z.number().min(0).max(0.9999999).default(0.999),
    epsilon: positive('epsilon').default(1e-8),
  })
  .strict();

const LbfgsSchema = z
  .object({
    name: z.literal('lbfgs'),
    iterations: nonNegativeInt('iterations').default(500),
    lr: positive('lr').default(1),
    history: positiveInt('history').max(1000).default(100),
    maxEvaluations: positiveInt('maxEvaluations').default(25),
    gradientTolerance: z.number().nonnegative().default(1e-9),
    changeTolerance: z.number().nonnegative().default(1e-12),
  })
  .strict();

export const OptimizerSchema = z.discriminatedUnion('name', [AdamSchema, LbfgsSchema], {
  error: "optimizer name must be 'adam' or 'lbfgs'",
});

export const PinnMethodSchema = z
  .object({
    name: z.literal('pinn', { error: "method name must be 'pinn'" }),
    optimizers: z
      .array(OptimizerSchema)
      .min(1, 'needs at least one optimizer')
      .default([
        { name: 'adam', lr: 1e-3, iterations: 2000, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
        { name: 'lbfgs', iterations: 500, lr: 1, history: 100, maxEvaluations: 25, gradientTolerance: 1e-9, changeTolerance: 1e-12 },
      ]),
  })
  .strict();

/** TENG (time-evolving natural gradient) for periodic initial value problems `u_t = N[u]`. */
export const TengMethodSchema = z
  .object({
    name: z.literal('teng'),
    integrator: z.enum(['euler', 'heun'], { error: "must be 'euler' or 'heun'" }).default('heun'),
    dt: positive('dt').default(0.005),
    /** Least-squares iterations per stage. */
    iterations: positiveInt('iterations').max(100).default(5),
    /** Parameters updated per least-squares iteration (a fresh random subset each time). */
    subset: positiveInt('subset').max(8192).default(1024),
    /** Sample points per space axis (a periodic grid: the trapezoid rule). */
    points: positiveInt('points').min(4).max(512).default(32),
    /** Levenberg–Marquardt iterations fitting the initial condition, and their subset size. */
    fitIterations: nonNegativeInt('fitIterations').default(400),
    fitSubset: positiveInt('fitSubset').max(8192).default(1024),
    /** Tikhonov damping of the normal equations, relative to max diag(JᵀJ). */
    damping: positive('damping').max(1, 'damping at most 1').default(1e-10),
  })
  .strict();

export const MethodSchema = z.discriminatedUnion('name', [PinnMethodSchema, TengMethodSchema], { error: "method name must be 'pinn' or 'teng'" });

export const RunConfigSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().max(120, 'at most 120 characters').default('run'),
    /** Checked by resolveConfig: 'custom' against CustomProblemSchema, anything else by the problem library. */
    problem: z.looseObject({ kind: z.string({ error: "needs a 'kind': 'custom' or a built-in problem name" }) }, { error: "is required: an object with a 'kind'" }),
    method: MethodSchema.prefault({ name: 'pinn' }),
    network: z
      .object({
        hidden: z.array(positiveInt('width').max(1024, 'width at most 1024')).min(1, 'needs at least one hidden layer').max(16, 'at most 16 hidden layers').default([32, 32, 32]),
        activation: z.enum(ACTIVATION_NAMES, { error: `must be one of ${ACTIVATION_NAMES.join(', ')}` }).default('tanh'),
      })
      .strict()
      .prefault({}),
    sampling: z
      .object({
        interior: positiveInt('interior').max(1_000_000).default(2000),
        boundary: nonNegativeInt('boundary').max(1_000_000).default(400),
        method: z.enum(['random', 'lhs', 'sobol'], { error: "must be 'random', 'lhs' or 'sobol'" }).default('random'),
        /** Residual-based adaptive refinement: every `every` Adam iterations, add the `add` points of largest residual among `candidates` random ones. */
        adaptive: z
          .object({ every: positiveInt('every').default(500), candidates: positiveInt('candidates').max(1_000_000).default(10000), add: positiveInt('add').default(100) })
          .strict()
          .optional(),
      })
      .strict()
      .prefault({}),
    loss: z
      .object({ pde: positive('pde weight').default(1), boundary: positive('boundary weight').default(1) })
      .strict()
      .prefault({}),
    evaluation: z
      .object({
        /** Points per axis of the dense grid for relL2; default depends on the dimension. */
        grid: positiveInt('grid').min(2).max(4096).optional(),
        /** Measure relL2 every this many iterations. */
        every: positiveInt('every').default(100),
        /** Points per axis of the live field snapshot. */
        snapshot: positiveInt('snapshot').min(2).max(512).default(96),
      })
      .strict()
      .prefault({}),
    budget: z
      .object({ seconds: positive('seconds').default(600) })
      .strict()
      .prefault({}),
    /** float32 trains on tfjs (fast); float64 on the workbench's own float64 engine (accurate). */
    precision: z.enum(['float32', 'float64'], { error: "must be 'float32' or 'float64'" }).default('float32'),
    backend: z.enum(['auto', 'tensorflow', 'wasm', 'cpu'], { error: "must be 'auto', 'tensorflow', 'wasm' or 'cpu'" }).default('auto'),
    seed: nonNegativeInt('seed').max(2 ** 32 - 1).default(1),
  })
  .strict();

export type RunConfigInput = z.input<typeof RunConfigSchema>;
export type ParsedRunConfig = z.output<typeof RunConfigSchema>;
export type CustomProblem = z.output<typeof CustomProblemSchema>;
export type BoundarySpec = z.output<typeof BoundarySchema>;
export type DomainSpec = z.output<typeof DomainSchema>;
export type OptimizerSpec = z.output<typeof OptimizerSchema>;
export type AdamSpec = z.output<typeof AdamSchema>;
export type LbfgsSpec = z.output<typeof LbfgsSchema>;
export type MethodSpec = z.output<typeof MethodSchema>;
export type PinnMethodSpec = z.output<typeof PinnMethodSchema>;
export type TengMethodSpec = z.output<typeof TengMethodSchema>;

/** The PINN settings of a config whose method is 'pinn' (throws otherwise). */
export function pinnSpec(method: MethodSpec): PinnMethodSpec {
  if (method.name !== 'pinn') throw new Error(`internal: method '${method.name}' is not a PINN`);
  return method;
}

/** The config after validation with the problem resolved to its full custom form. */
export type RunConfig = Omit<ParsedRunConfig, 'problem'> & { problem: CustomProblem & { id: string } };
