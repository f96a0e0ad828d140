/**
 * Float64 reference solutions of the classic PINN benchmarks, by name. Each is computed on first
 * use and cached for the life of the process.
 */
import { ALLEN_CAHN_BENCHMARK, solveAllenCahn1d } from './allenCahn1d';
import { solveBurgers1d } from './burgers1d';
import { interpolateNodal, smoothedLid, solveCavity } from './cavity';
import { heat2dPeriodic } from './heat2dPeriodic';
import { ALLEN_CAHN_2D, BURGERS_2D } from './periodic2dBenchmarks';
import { solvePeriodic2d, type Periodic2dProblem } from './spectral2d';
import { SCHRODINGER_BENCHMARK, solveSchrodinger1d } from './schrodinger1d';
import { spectralHistoryEvaluator, spectralRestartEvaluator } from './spectralHistory';

export interface ReferenceField {
  /** Coordinates in order, e.g. ['x', 't']. */
  coordinates: readonly string[];
  unknowns: readonly string[];
  /** Values of every unknown at n points given row-major (n × coordinates.length). */
  evaluate(points: Float64Array): Float64Array[];
}

/** Values of every unknown at one point (coordinates in the field's order). */
type PointSolution = (point: Float64Array, offset: number) => readonly number[];

function pointwiseField(id: string, coordinates: readonly string[], unknowns: readonly string[], solution: PointSolution): ReferenceField {
  const d = coordinates.length;
  return {
    coordinates,
    unknowns,
    evaluate(points) {
      if (points.length % d !== 0) {
        throw new RangeError(`${id}.evaluate: points has ${points.length} entries, not a multiple of ${d} (${coordinates.join(', ')})`);
      }
      const n = points.length / d;
      const out = unknowns.map(() => new Float64Array(n));
      for (let i = 0; i < n; i++) {
        const values = solution(points, i * d);
        for (let j = 0; j < out.length; j++) out[j][i] = values[j];
      }
      return out;
    },
  };
}

/** A periodic 2D spectral solution as a field over (x, y, t): points are grouped by t. */
function periodic2dField(problem: Periodic2dProblem): ReferenceField {
  const solution = solvePeriodic2d(problem);
  return {
    coordinates: ['x', 'y', 't'],
    unknowns: ['u'],
    evaluate(points) {
      if (points.length % 3 !== 0) throw new RangeError(`periodic 2D reference: points has ${points.length} entries, not a multiple of 3 (x, y, t)`);
      const n = points.length / 3;
      const out = new Float64Array(n);
      const byTime = new Map<number, number[]>();
      for (let i = 0; i < n; i++) {
        const t = points[3 * i + 2];
        let list = byTime.get(t);
        if (!list) byTime.set(t, (list = []));
        list.push(i);
      }
      for (const [t, indices] of byTime) {
        const xy = new Float64Array(2 * indices.length);
        indices.forEach((i, k) => {
          xy[2 * k] = points[3 * i];
          xy[2 * k + 1] = points[3 * i + 1];
        });
        const values = solution.evaluate(xy, t);
        indices.forEach((i, k) => (out[i] = values[k]));
      }
      return [out];
    },
  };
}

/** Velocity, stream function and vorticity of the smoothed-lid cavity (no pressure: a problem's p then has no reference). */
function cavityField(id: string, re: number, n: number, tolerance: number): ReferenceField {
  const { u, v, psi, omega } = solveCavity({ re, n, lid: smoothedLid, tolerance });
  return pointwiseField(id, ['x', 'y'], ['u', 'v', 'psi', 'omega'], (p, o) => [u, v, psi, omega].map((f) => interpolateNodal(f, n, p[o], p[o + 1])));
}

const solvers: Record<string, () => ReferenceField> = {
  burgers1d: () => {
    const u = solveBurgers1d();
    return pointwiseField('burgers1d', ['x', 't'], ['u'], (p, o) => [u(p[o], p[o + 1])]);
  },
  allenCahn1d: () => {
    const { initial } = ALLEN_CAHN_BENCHMARK;
    const u = spectralHistoryEvaluator(solveAllenCahn1d(), 'allenCahn1d');
    return pointwiseField('allenCahn1d', ['x', 't'], ['u'], (p, o) => [p[o + 1] === 0 ? initial(p[o]) : u(p[o], p[o + 1])[0]]);
  },
  schrodinger1d: () => {
    const { history, advance } = solveSchrodinger1d();
    const h = spectralRestartEvaluator(history, advance, 'schrodinger1d');
    const { initial } = SCHRODINGER_BENCHMARK;
    return pointwiseField('schrodinger1d', ['x', 't'], ['u', 'v'], (p, o) => (p[o + 1] === 0 ? initial(p[o]) : h(p[o], p[o + 1])));
  },
  heat2dPeriodic: () => pointwiseField('heat2dPeriodic', ['x', 'y', 't'], ['u'], (p, o) => [heat2dPeriodic(p[o], p[o + 1], p[o + 2])]),
  cavity100: () => cavityField('cavity100', 100, 128, 1e-12),
  // Finer grids and a looser tolerance at higher Re: the Gauss–Seidel sweeps slow down with n².
  cavity400: () => cavityField('cavity400', 400, 128, 1e-10),
  cavity1000: () => cavityField('cavity1000', 1000, 256, 1e-10),
  allenCahn2dPeriodic: () => periodic2dField(ALLEN_CAHN_2D),
  burgers2dPeriodic: () => periodic2dField(BURGERS_2D),
};

export const REFERENCE_IDS: readonly string[] = Object.freeze(Object.keys(solvers));

/** Coordinates and unknowns of each reference, known without solving (for config validation). */
const SHAPES: Record<string, { coordinates: readonly string[]; unknowns: readonly string[] }> = {
  burgers1d: { coordinates: ['x', 't'], unknowns: ['u'] },
  allenCahn1d: { coordinates: ['x', 't'], unknowns: ['u'] },
  schrodinger1d: { coordinates: ['x', 't'], unknowns: ['u', 'v'] },
  heat2dPeriodic: { coordinates: ['x', 'y', 't'], unknowns: ['u'] },
  cavity100: { coordinates: ['x', 'y'], unknowns: ['u', 'v', 'psi', 'omega'] },
  cavity400: { coordinates: ['x', 'y'], unknowns: ['u', 'v', 'psi', 'omega'] },
  cavity1000: { coordinates: ['x', 'y'], unknowns: ['u', 'v', 'psi', 'omega'] },
  allenCahn2dPeriodic: { coordinates: ['x', 'y', 't'], unknowns: ['u'] },
  burgers2dPeriodic: { coordinates: ['x', 'y', 't'], unknowns: ['u'] },
};

export function referenceShape(id: string): { coordinates: readonly string[]; unknowns: readonly string[] } {
  const shape = Object.hasOwn(SHAPES, id) ? SHAPES[id] : undefined;
  if (!shape) throw new Error(`unknown reference solver '${id}' (known: ${REFERENCE_IDS.join(', ')})`);
  return shape;
}

const cache = new Map<string, ReferenceField>();

export function referenceSolution(id: string): ReferenceField {
  const cached = cache.get(id);
  if (cached) return cached;
  const solve = Object.hasOwn(solvers, id) ? solvers[id] : undefined;
  if (!solve) throw new Error(`unknown reference solver '${id}' (known: ${REFERENCE_IDS.join(', ')})`);
  const field = solve();
  cache.set(id, field);
  return field;
}
