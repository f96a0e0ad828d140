/**
 * Errors and snapshots of a time-stepping method (TENG) at the time it has reached: the space
 * grid (periodic axes without their right end, as the reference setup's grid) at t = method.time,
 * against the exact or reference solution at that t, computed in float64 where the method can.
 */
import type { ErrorAtTime, FieldSnapshot } from '../protocol/service';
import type { SolverMethod } from '../methods/method';
import { periodicAxes } from '../problems/domain';
import { trueValues, type ProblemModel } from '../problems/problemModel';
import type { ErrorMetrics } from './evaluation';

/** n per space axis at time t (0 until set); periodic axes leave out their right end. */
function spaceTimeGrid(model: ProblemModel, n: number): Float64Array {
  const dims = model.domain.min.length;
  const periodic = periodicAxes(model.domain);
  const d = dims + 1;
  const total = n ** dims;
  const points = new Float64Array(total * d);
  for (let index = 0; index < total; index++) {
    let rest = index;
    for (let k = 0; k < dims; k++) {
      const i = rest % n;
      rest = Math.floor(rest / n);
      const lo = model.domain.min[k];
      const hi = model.domain.max[k];
      points[index * d + k] = lo + ((hi - lo) * i) / (periodic.includes(k) ? n : n - 1);
    }
  }
  return points;
}

function atTime(points: Float64Array, d: number, t: number): Float64Array {
  for (let i = d - 1; i < points.length; i += d) points[i] = t;
  return points;
}

const predict64 = (method: SolverMethod, points: Float64Array): ArrayLike<number>[] => (method.predict64 ? method.predict64(points) : method.predict(points));

export class TimeSliceErrors {
  private readonly points: Float64Array;
  private readonly d: number;

  constructor(private readonly model: ProblemModel, perAxis: number) {
    if (!model.domain.time) throw new Error('TimeSliceErrors: the problem has no time interval');
    this.points = spaceTimeGrid(model, perAxis);
    this.d = model.coordinates.length;
  }

  measure(method: SolverMethod): ErrorMetrics | undefined {
    return this.measureAt(method, method.time!);
  }

  /** The error of the method's prediction at time t (a space–time method's network at one time). */
  measureAt(method: SolverMethod, t: number): ErrorMetrics | undefined {
    const exact = trueValues(this.model, atTime(this.points, this.d, t));
    if (exact.every((e) => e === undefined)) return undefined;
    const predictions = predict64(method, this.points);
    let num = 0;
    let den = 0;
    const perUnknown: Record<string, number> = {};
    this.model.unknowns.forEach((unknown, q) => {
      const values = exact[q];
      if (!values) return;
      let e2 = 0;
      let u2 = 0;
      // An unknown known up to a constant (a pressure) is compared after removing the mean difference.
      let shift = 0;
      if (this.model.upToConstant.includes(unknown)) {
        for (let i = 0; i < values.length; i++) shift += predictions[q][i] - values[i];
        shift /= values.length;
      }
      for (let i = 0; i < values.length; i++) {
        const diff = predictions[q][i] - shift - values[i];
        e2 += diff * diff;
        u2 += values[i] * values[i];
      }
      perUnknown[`relL2_${unknown}`] = Math.sqrt(e2 / u2);
      num += e2;
      den += u2;
    });
    return { relL2: Math.sqrt(num / den), perUnknown };
  }
}

/** Times compared between a space–time run and a time-stepping one: the start, the end and 9 between. */
export const ERROR_IN_TIME_INTERVALS = 10;

/** A space–time method's error at evenly spaced times of the problem's interval (undefined without an exact or reference solution). */
export function errorInTime(model: ProblemModel, method: SolverMethod, perAxis: number): ErrorAtTime[] | undefined {
  const [start, end] = model.domain.time!;
  const slices = new TimeSliceErrors(model, perAxis);
  const profile: ErrorAtTime[] = [];
  for (let k = 0; k <= ERROR_IN_TIME_INTERVALS; k++) {
    const t = start + ((end - start) * k) / ERROR_IN_TIME_INTERVALS;
    const errors = slices.measureAt(method, t);
    if (!errors) return undefined;
    profile.push({ t, relL2: errors.relL2 });
  }
  return profile;
}

/** A space–time method's relL2 at the end of the time interval, stacked and per unknown, with the suffix _final (empty without an exact solution). */
export function finalTimeMetrics(model: ProblemModel, method: SolverMethod, perAxis: number): Record<string, number> {
  const errors = new TimeSliceErrors(model, perAxis).measureAt(method, model.domain.time![1]);
  if (!errors) return {};
  const out: Record<string, number> = { relL2_final: errors.relL2 };
  if (model.unknowns.length > 1) for (const [name, value] of Object.entries(errors.perUnknown)) out[`${name}_final`] = value;
  return out;
}

/** The field on an n × n slice (first two space axes) at the method's time, with the exact one. */
export function timeSliceSnapshot(model: ProblemModel, method: SolverMethod, n: number): FieldSnapshot {
  const d = model.coordinates.length;
  const t = method.time!;
  const [x, y] = model.coordinates;
  const points = new Float64Array(n * n * d);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const p = (j * n + i) * d;
      points[p] = model.domain.min[0] + ((model.domain.max[0] - model.domain.min[0]) * i) / (n - 1);
      if (d > 2) points[p + 1] = model.domain.min[1] + ((model.domain.max[1] - model.domain.min[1]) * j) / (n - 1);
      points[p + d - 1] = t;
    }
  }
  const exact = trueValues(model, points)[0];
  const axes: FieldSnapshot['axes'] = [
    { name: x, min: model.domain.min[0], max: model.domain.max[0], n },
    d > 2 ? { name: y, min: model.domain.min[1], max: model.domain.max[1], n } : { name: '', min: 0, max: 1, n: 2 },
  ];
  return {
    iteration: method.iteration,
    unknown: model.unknowns[0],
    axes,
    fixed: { t },
    prediction: method.predict(points)[0],
    exact: exact ? Float32Array.from(exact) : undefined,
  };
}
