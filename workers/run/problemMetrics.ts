/**
 * Problem-specific accuracy figures from the trained field, declared in the problem
 * (problem.metrics) and computed from predictions only, so every method gets them:
 *
 * - profileTable: the largest |u − u_table| over a published table's points (Ghia's cavity
 *   centreline gives `ghiaMaxAbsDev`); with `streamFunction`, u = ψ_y (v = −ψ_x) by a central
 *   difference of the predicted ψ.
 * - forceCoefficients: the force of the fluid on a body (a hole), F = ∮ σ·n ds with n the normal
 *   out of the body and σ = −p I + μ (∇u + ∇uᵀ). On a no-slip wall every tangential derivative
 *   of the velocity vanishes, so ∇u = (∂u/∂n) ⊗ n and σ·n = −p n + μ (∂u/∂n + n (n·∂u/∂n));
 *   ∂u/∂n is a one-sided second-order difference along the normal, the integral the trapezoid
 *   rule in angle (spectrally accurate for a periodic integrand). c_D, c_L = 2 F_x,y / (ρ U² L)
 *   (Schäfer & Turek 1996). For a transient problem the force is taken at the final time.
 */
import type { ProblemMetricSpec } from '../config/schema';
import { upperCorner } from '../problems/domain';
import type { ProblemModel } from '../problems/problemModel';
import { referenceTable } from '../reference/tables';

export type Predict = (points: Float64Array) => ArrayLike<number>[];

type ForceSpec = Extract<ProblemMetricSpec, { kind: 'forceCoefficients' }>;

const SURFACE_POINTS = 720;
/** Normal step of the one-sided difference, as a fraction of the radius. */
const STEP = 0.02;

/** Appends the final time to 2D points when the problem is transient. */
function withTime(model: ProblemModel, xy: number[][]): Float64Array {
  const d = model.coordinates.length;
  const end = upperCorner(model.domain)[d - 1];
  const points = new Float64Array(xy.length * d);
  xy.forEach((p, i) => {
    points.set(p, i * d);
    if (model.domain.time) points[i * d + d - 1] = end;
  });
  return points;
}

/** Half-step of the central difference that reads a velocity from a stream function. */
const STREAM_STEP = 1e-3;

export function profileDeviation(model: ProblemModel, table: string, predict: Predict, streamFunction?: string): number {
  const { unknown, points, values } = referenceTable(table);
  let predicted: ArrayLike<number>;
  if (streamFunction !== undefined) {
    // u = ψ_y, v = −ψ_x by a central difference of the predicted stream function.
    const q = model.unknowns.indexOf(streamFunction);
    const axis = unknown === 'u' ? 1 : 0;
    const shifted = (sign: number) => points.map((p) => p.map((c, k) => (k === axis ? c + sign * STREAM_STEP : c)));
    const plus = predict(withTime(model, shifted(1)))[q];
    const minus = predict(withTime(model, shifted(-1)))[q];
    predicted = values.map((_, i) => ((axis === 1 ? 1 : -1) * (plus[i] - minus[i])) / (2 * STREAM_STEP));
  } else {
    const q = model.unknowns.indexOf(unknown);
    if (q < 0) throw new Error(`reference table '${table}' is for '${unknown}', which is not an unknown of this problem`);
    predicted = predict(withTime(model, points))[q];
  }
  return values.reduce((worst, value, i) => Math.max(worst, Math.abs(predicted[i] - value)), 0);
}

export interface Force {
  fx: number;
  fy: number;
}

export function forceOnHole(model: ProblemModel, spec: ForceSpec, predict: Predict): Force {
  const hole = model.domain.holes?.[spec.hole];
  if (!hole) throw new Error(`forceCoefficients: the domain has no hole ${spec.hole}`);
  const [qu, qv] = spec.velocity.map((name) => model.unknowns.indexOf(name));
  const qp = model.unknowns.indexOf(spec.pressure);
  if (qu < 0 || qv < 0 || qp < 0) throw new Error(`forceCoefficients: needs unknowns ${spec.velocity.join(', ')} and ${spec.pressure}`);
  const h = STEP * hole.radius;
  const xy: number[][] = [];
  for (let i = 0; i < SURFACE_POINTS; i++) {
    const angle = (2 * Math.PI * i) / SURFACE_POINTS;
    for (let k = 0; k < 3; k++) {
      const r = hole.radius + k * h;
      xy.push([hole.center[0] + r * Math.cos(angle), hole.center[1] + r * Math.sin(angle)]);
    }
  }
  const values = predict(withTime(model, xy));
  const mu = spec.density * spec.viscosity;
  const ds = (2 * Math.PI * hole.radius) / SURFACE_POINTS;
  let fx = 0;
  let fy = 0;
  for (let i = 0; i < SURFACE_POINTS; i++) {
    const angle = (2 * Math.PI * i) / SURFACE_POINTS;
    const nx = Math.cos(angle);
    const ny = Math.sin(angle);
    const normalDerivative = (q: number) => (-3 * values[q][3 * i] + 4 * values[q][3 * i + 1] - values[q][3 * i + 2]) / (2 * h);
    const dudn = normalDerivative(qu);
    const dvdn = normalDerivative(qv);
    const p = values[qp][3 * i];
    const stretch = nx * dudn + ny * dvdn;
    fx += (-p * nx + mu * (dudn + nx * stretch)) * ds;
    fy += (-p * ny + mu * (dvdn + ny * stretch)) * ds;
  }
  return { fx, fy };
}

/** Every metric the problem declares, by name. */
export function problemMetrics(model: ProblemModel, predict: Predict): Record<string, number> {
  const out: Record<string, number> = {};
  for (const spec of model.metrics) {
    if (spec.kind === 'profileTable') {
      out[spec.name] = profileDeviation(model, spec.table, predict, spec.streamFunction);
    } else {
      const { fx, fy } = forceOnHole(model, spec, predict);
      const scale = 2 / (spec.density * spec.referenceVelocity ** 2 * spec.referenceLength);
      out.cD = scale * fx;
      out.cL = scale * fy;
    }
  }
  return out;
}
