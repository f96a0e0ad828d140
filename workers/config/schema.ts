/**
 * The run config contract (JSON), validated with zod. Every field has a default except
 * `problem`. Keys are strict: a misspelt key is an error naming it, not silently ignored.
 * Expressions are checked in a second pass (resolveConfig), which knows the domain's names.
 */
import { z } from 'zod';
import { ACTIVATION_NAMES } from '../engine/activations';

const finite = (what: string) => z.number({ error: `${what} must be a number` }).refine(Number.isFinite, `${what} must be finite`);
const THREADS_ERROR = "must be 'auto' or a whole number from 1 to 64";
const positiveInt = (what: string) =>
  z.number({ error: `${what} must be a positive integer` }).int(`${what} must be a positive integer`).positive(`${what} must be a positive integer`);
const nonNegativeInt = (what: string) =>
  z.number({ error: `${what} must be a non-negative integer` }).int(`${what} must be a non-negative integer`).nonnegative(`${what} must be a non-negative integer`);
const positive = (what: string) => z.number({ error: `${what} must be a positive number` }).positive(`${what} must be a positive number`).refine(Number.isFinite, `${what} must be finite`);
const expression = z.string({ error: 'must be an expression string' }).min(1, 'must not be empty').max(4000, 'expression longer than 4000 characters');

const HoleSchema = z
  .object({
    center: z.tuple([finite('center x'), finite('center y')], { error: 'must be [x, y]' }),
    radius: positive('radius'),
  })
  .strict();

export const DomainSchema = z
  .object({
    type: z.literal('box', { error: "domain type must be 'box'" }),
    min: z.array(finite('min'), { error: 'must be an array of numbers' }).min(1, 'needs 1 to 3 coordinates').max(3, 'needs 1 to 3 coordinates'),
    max: z.array(finite('max'), { error: 'must be an array of numbers' }).min(1, 'needs 1 to 3 coordinates').max(3, 'needs 1 to 3 coordinates'),
    time: z.tuple([finite('start time'), finite('end time')], { error: 'must be [start, end]' }).optional(),
    /** true (every space axis) or the periodic axes by name, e.g. ["x"]. */
    periodic: z.union([z.boolean(), z.array(z.enum(['x', 'y', 'z'], { error: "periodic axes are space axes: 'x', 'y' or 'z'" }))], { error: 'must be true, false, or a list of axis names' }).optional(),
    /** Disks cut out of a 2D box (a cylinder in a channel); their circles are the boundary 'hole' ('hole:0', 'hole:1', ...). */
    holes: z.array(HoleSchema, { error: 'must be a list of { "center": [x, y], "radius": r }' }).max(16, 'at most 16 holes').optional(),
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
    (domain.holes ?? []).forEach((hole, i) => {
      if (domain.min.length !== 2) {
        ctx.addIssue({ code: 'custom', path: ['holes', i], message: `holes are disks in a 2D box, but this box is ${domain.min.length}D` });
        return;
      }
      const inside = hole.center.every((c, k) => c - hole.radius > domain.min[k] && c + hole.radius < domain.max[k]);
      if (!inside) ctx.addIssue({ code: 'custom', path: ['holes', i], message: 'the disk must lie strictly inside the box' });
      (domain.holes ?? []).slice(0, i).forEach((other, j) => {
        if (Math.hypot(hole.center[0] - other.center[0], hole.center[1] - other.center[1]) <= hole.radius + other.radius) {
          ctx.addIssue({ code: 'custom', path: ['holes', i], message: `overlaps holes[${j}]` });
        }
      });
    });
    if (domain.time && !(domain.time[0] < domain.time[1])) {
      ctx.addIssue({ code: 'custom', path: ['time', 1], message: 'end time must be after start time' });
    }
  });

export const BoundarySchema = z
  .object({
    /** 'all', a face such as 'x=0', or 'hole' / 'hole:0' for the circles of domain.holes. */
    where: z.string({ error: "must be 'all', a face such as 'x=0', or 'hole'" }).default('all'),
    type: z.enum(['dirichlet', 'neumann'], { error: "must be 'dirichlet' or 'neumann' (periodic axes are set in domain.periodic)" }).default('dirichlet'),
    value: expression,
    /** Dirichlet only: build the condition into the network output so it holds exactly. */
    hard: z.boolean().default(false),
    unknown: z.string().optional(),
    weight: positive('weight').default(1),
  })
  .strict();

/** Problem-specific accuracy figures (workers/run/problemMetrics.ts) written into the manifest's metrics. */
const ProfileMetricSchema = z
  .object({
    kind: z.literal('profileTable'),
    /** The metric's name in the manifest, e.g. 'ghiaMaxAbsDev'. */
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be a name of letters, digits and _'),
    /** A stored table (workers/reference/tables.ts): points and the values of one unknown there. */
    table: z.string(),
    /** Read the table's velocity from this stream function (u = ψ_y, v = −ψ_x) instead of an unknown u or v. */
    streamFunction: z.string().optional(),
  })
  .strict();

const ForceMetricSchema = z
  .object({
    kind: z.literal('forceCoefficients'),
    /** Index into domain.holes of the body. */
    hole: nonNegativeInt('hole').default(0),
    viscosity: positive('viscosity'),
    density: positive('density').default(1),
    /** c = 2F / (ρ U² L). */
    referenceVelocity: positive('referenceVelocity'),
    referenceLength: positive('referenceLength'),
    velocity: z.tuple([z.string(), z.string()]).default(['u', 'v']),
    pressure: z.string().default('p'),
  })
  .strict();

export const ProblemMetricSchema = z.discriminatedUnion('kind', [ProfileMetricSchema, ForceMetricSchema], {
  error: "metric kind must be 'profileTable' or 'forceCoefficients'",
});

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
    /** Unknowns determined up to a constant (a pressure with no condition on it): compared after removing the mean difference (per time level in a transient problem). */
    upToConstant: z.array(z.string()).optional(),
    metrics: z.array(ProblemMetricSchema).max(8).optional(),
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

/** A saved run's solution as a mesh mover's field (main/runs/runField.ts reads the folder). */
export const MeshRunFieldSchema = z
  .object({
    run: z.string().min(1, 'names a run folder in the runs folder'),
    unknown: z.string().min(1).optional(),
    series: z.boolean().default(false),
  })
  .strict();

/** Moves a structured mesh to a field (workers/mesh): classical Winslow variable diffusion or the neural DMM. */
export const MeshMoverMethodSchema = z
  .object({
    name: z.literal('mesh-mover'),
    mover: z.enum(['classical', 'neural'], { error: "must be 'classical' or 'neural'" }).default('classical'),
    mesh: z
      .object({
        type: z.enum(['quad', 'triangle'], { error: "must be 'quad' or 'triangle'" }).default('quad'),
        cells: z.tuple([positiveInt('cells').max(512, 'at most 512 cells per axis'), positiveInt('cells').max(512, 'at most 512 cells per axis')], { error: 'must be [nx, ny]' }).default([32, 32]),
      })
      .strict()
      .prefault({}),
    /**
     * The field to adapt to: an expression over the problem's coordinates (and the operator's
     * parameters), default the problem's exact solution; or a saved run's solution, `{ "run":
     * "<run folder in the runs folder>" }` (its final field; `unknown` picks one of a system's, or
     * 'speed' = |(u, v)|; `series: true` follows a time-stepping run's saved fields in time).
     */
    field: z.union([expression, MeshRunFieldSchema], { error: 'must be an expression or { "run": "<run folder>" }' }).optional(),
    /**
     * α of the monitor M = 1 + |∇u| / (α·mean|∇u|). The paper's 0.01 pulls nearly every node into a
     * steep front and, on 32×32 cells, leaves the rest of the box too coarse; 1 is the default.
     */
    alpha: positive('alpha').default(1),
    /** Jacobi sweeps (classical) or L-BFGS iterations (neural). */
    iterations: nonNegativeInt('iterations').default(300),
    /** Training points of the neural mover (shared among the fields in operator mode). */
    points: positiveInt('points').max(100_000).default(2048),
    /** Neural training stages: the monitor smoothed over these radii (fractions of the box), widest first. */
    smoothing: z.array(z.number().nonnegative('radii must be non-negative').max(1, 'radii are fractions of the box, at most 1'), { error: 'must be an array of radii' }).min(1, 'needs at least one stage').max(16).default([0.25, 0.125, 0.0625, 0.03125]),
    convexityWeight: z.number().nonnegative('convexityWeight must be non-negative').default(1),
    /** Points per axis of the fine grid for the interpolation error. */
    errorGrid: positiveInt('errorGrid').min(16).max(4096).default(1024),
    /** Operator mode (neural): train on `fields` members of a parametric family, then mesh the `target` member. */
    operator: z
      .object({
        parameters: z.record(z.string().regex(/^[a-z]$/, 'parameter names are single lower-case letters'), z.tuple([finite('min'), finite('max')], { error: 'must be [min, max]' })),
        fields: positiveInt('fields').max(256).default(8),
        target: z.record(z.string(), finite('target')),
      })
      .strict()
      .optional(),
  })
  .strict();


const iterationsField = nonNegativeInt('iterations').default(10000);
const krylovFields = {
  /** 'cg' on the symmetric positive-definite Schur complement, or 'gmres' on the block system (the authors' GACGD). */
  krylov: z.enum(['cg', 'gmres'], { error: "must be 'cg' or 'gmres'" }).default('cg'),
  /** Relative residual of the Krylov solve. */
  tol: positive('tol').default(1e-7),
  maxKrylov: positiveInt('maxKrylov').max(100000).default(1000),
  /**
   * Start each Krylov solve from the previous step's solution. Off by default: measured on 2D
   * Poisson (400 ACGD steps), it saved 0.7 CG iterations per step but its starting residual costs
   * one more operator product than that.
   */
  warmStart: z.boolean().default(false),
};

const AcgdSchema = z
  .object({
    name: z.literal('acgd'),
    lr: positive('lr').default(1e-3),
    beta: z.number().min(0).max(0.9999999).default(0.99),
    epsilon: positive('epsilon').default(1e-8),
    iterations: iterationsField,
    ...krylovFields,
  })
  .strict();

const CgdSchema = z
  .object({ name: z.literal('cgd'), lr: positive('lr').default(1e-3), iterations: iterationsField, ...krylovFields })
  .strict();

const GdaSchema = z.object({ name: z.literal('gda'), lr: positive('lr').default(1e-3), iterations: iterationsField }).strict();

const AdamAscentSchema = z
  .object({
    name: z.literal('adam-ascent'),
    lr: positive('lr').default(1e-3),
    iterations: iterationsField,
    beta1: z.number().min(0).max(0.9999999).default(0.9),
    beta2: z.number().min(0).max(0.9999999).default(0.999),
    epsilon: positive('epsilon').default(1e-8),
  })
  .strict();

export const GameOptimizerSchema = z.discriminatedUnion('name', [AcgdSchema, CgdSchema, GdaSchema, AdamAscentSchema], {
  error: "optimizer name must be 'acgd', 'cgd', 'gda' or 'adam-ascent'",
});

/** Competitive PINN (Zeng et al., ICLR 2023): a discriminator plays a zero-sum game with the PINN; float64 only. */
export const CpinnMethodSchema = z
  .object({
    name: z.literal('cpinn'),
    discriminator: z
      .object({
        /** The authors' "width 25" discriminator is 4 hidden layers of 2·25 = 50. */
        hidden: z.array(positiveInt('width').max(1024, 'width at most 1024')).min(1, 'needs at least one hidden layer').max(16, 'at most 16 hidden layers').default([50, 50, 50, 50]),
        activation: z.enum(['relu', 'tanh'], { error: "must be 'relu' or 'tanh'" }).default('relu'),
      })
      .strict()
      .prefault({}),
    optimizer: GameOptimizerSchema.prefault({ name: 'acgd' }),
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

const METHOD_SCHEMAS = [PinnMethodSchema, CpinnMethodSchema, TengMethodSchema, MeshMoverMethodSchema] as const;

/** The method names in the order the error message lists them. */
export const METHOD_NAMES = METHOD_SCHEMAS.map((schema) => schema.shape.name.value);

export const MethodSchema = z.discriminatedUnion('name', METHOD_SCHEMAS, {
  error: `method name must be one of ${METHOD_NAMES.map((name) => `'${name}'`).join(', ')}`,
});

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
        /** PINN: the domain's periodic axes enter as (cos, sin) features, so periodicity holds exactly (no penalty). */
        periodicEmbedding: z.boolean({ error: 'must be true or false' }).optional(),
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
        /** Domains with holes: this fraction of the interior points in the annuli R ≤ r ≤ R (1 + width) around the circles, denser towards the wall (workers/problems/holes.ts sampleNearHoles). */
        nearHoles: z
          .object({ fraction: z.number({ error: 'fraction must be a number' }).gt(0, 'fraction must be > 0').lt(1, 'fraction must be < 1'), width: positive('width').default(2) })
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
    /** Thinned parameter trajectory kept in the run folder (workers/analysis/thinnedTrajectory.ts): every `every` iterations, at most `max` snapshots (the stride doubles when full). */
    trajectory: z
      .object({ every: positiveInt('every').default(10), max: positiveInt('max').min(2, 'max must be at least 2').max(10000, 'max at most 10000').default(500) })
      .strict()
      .prefault({}),
    budget: z
      .object({ seconds: positive('seconds').default(600) })
      .strict()
      .prefault({}),
    /** Checkpoints for resume: every `every` iterations (0: off) or `seconds` seconds, whichever comes first, and on pause / cancel. */
    checkpoint: z
      .object({ every: nonNegativeInt('every').default(1000), seconds: positive('seconds').default(120) })
      .strict()
      .prefault({}),
    /** PINN: float32 on the fused WebAssembly jet engine where tfjs would run on wasm, else tfjs; float64 on the jet engine in float64 (methods/pinnEngine.ts). */
    precision: z.enum(['float32', 'float64'], { error: "must be 'float32' or 'float64'" }).default('float32'),
    backend: z.enum(['auto', 'tensorflow', 'wasm', 'cpu'], { error: "must be 'auto', 'tensorflow', 'wasm' or 'cpu'" }).default('auto'),
    /**
     * Jet-engine PINN: how many threads share a step (data-parallel over the interior points,
     * workers/parallel). 'auto': every core, up to 4, once there are 1000 interior points or more.
     */
    threads: z
      .union([z.literal('auto'), z.number().int(THREADS_ERROR).min(1, THREADS_ERROR).max(64, THREADS_ERROR)], { error: THREADS_ERROR })
      .default('auto'),
    seed: nonNegativeInt('seed').max(2 ** 32 - 1).default(1),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.method.name === 'cpinn' && config.precision !== 'float64') {
      ctx.addIssue({ code: 'custom', path: ['precision'], message: "method 'cpinn' runs in float64 only: set \"precision\": \"float64\"" });
    }
  });

export type RunConfigInput = z.input<typeof RunConfigSchema>;
export type ParsedRunConfig = z.output<typeof RunConfigSchema>;
export type CustomProblem = z.output<typeof CustomProblemSchema>;
export type BoundarySpec = z.output<typeof BoundarySchema>;
export type DomainSpec = z.output<typeof DomainSchema>;
export type HoleSpec = z.output<typeof HoleSchema>;
export type ProblemMetricSpec = z.output<typeof ProblemMetricSchema>;
export type OptimizerSpec = z.output<typeof OptimizerSchema>;
export type AdamSpec = z.output<typeof AdamSchema>;
export type LbfgsSpec = z.output<typeof LbfgsSchema>;
export type MethodSpec = z.output<typeof MethodSchema>;
export type PinnMethodSpec = z.output<typeof PinnMethodSchema>;
export type TengMethodSpec = z.output<typeof TengMethodSchema>;
export type MeshMoverSpec = z.output<typeof MeshMoverMethodSchema>;

/** The PINN settings of a config whose method is 'pinn' (throws otherwise). */
export function pinnSpec(method: MethodSpec): PinnMethodSpec {
  if (method.name !== 'pinn') throw new Error(`internal: method '${method.name}' is not a PINN`);
  return method;
}

/** The config after validation with the problem resolved to its full custom form. */
export type RunConfig = Omit<ParsedRunConfig, 'problem'> & { problem: CustomProblem & { id: string } };
/** A run config whose method is the given one. */
export type RunConfigOf<M> = RunConfig & { method: M };

export type CpinnMethodSpec = z.output<typeof CpinnMethodSchema>;
export type GameOptimizerSpec = z.output<typeof GameOptimizerSchema>;
export type AcgdSpec = z.output<typeof AcgdSchema>;
export type CgdSpec = z.output<typeof CgdSchema>;
export type GdaSpec = z.output<typeof GdaSchema>;
export type AdamAscentSpec = z.output<typeof AdamAscentSchema>;


/** The config narrowed to a PINN method (another method here is a caller's bug). */
export function pinnConfig(config: RunConfig): RunConfigOf<PinnMethodSpec> {
  return { ...config, method: pinnSpec(config.method) };
}

