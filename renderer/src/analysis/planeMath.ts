/**
 * Pure helpers of the analysis views: value ranges, colours by iteration, log of a landscape,
 * contour segments by marching squares, and the comparison table as CSV. No DOM here, so they
 * are unit-testable.
 */
import type { LandscapeReport } from '../../../workers/protocol/service';
import { cssColor, findColorMap, sampleColorMap } from '../field/colorMaps';

export interface Range {
  min: number;
  max: number;
}

export function rangeOf(values: Iterable<number>): Range {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { min: 0, max: 1 };
  return min === max ? { min: min - 0.5, max: max + 0.5 } : { min, max };
}

/** Widens a range by a fraction of its span on both sides. */
export function padded({ min, max }: Range, fraction: number): Range {
  const pad = (max - min) * fraction;
  return { min: min - pad, max: max + pad };
}

const viridis = findColorMap('viridis', 'sequential');

/** One colour per run, in the comparison and trajectory views alike. */
export const RUN_COLORS = ['#5ab4ff', '#ff6b6b', '#6bd68b', '#ffb347', '#c792ea', '#f78c6c', '#89ddff', '#d4d4d4'];

/** CSS colour of t ∈ [0, 1] on viridis. */
export function sequentialColor(t: number): string {
  return cssColor(sampleColorMap(viridis, Math.min(1, Math.max(0, t))));
}

export function sequentialRgb(t: number): readonly [number, number, number] {
  return sampleColorMap(viridis, Math.min(1, Math.max(0, t)));
}

/** log10 of each loss; NaN where the loss is missing or not positive. */
export function logLosses(losses: readonly (number | null)[]): Float64Array {
  return Float64Array.from(losses, (v) => (v !== null && v > 0 ? Math.log10(v) : NaN));
}

/** One trajectory on the plane; `loss` gives its height (null: drawn on the floor). */
export interface SurfacePath {
  alpha: readonly number[];
  beta: readonly number[];
  loss: readonly (number | null)[];
  /** The run's colour (the end marker). */
  color: string;
}

/** What the 3D view spans: α and β (mapped onto [−1, 1]) and log10 loss (onto the view's height). */
export interface SceneFrame {
  alpha: Range;
  beta: Range;
  logLoss: Range;
}

/** The frame of a landscape (its grid and losses), or of the paths alone (their extent, padded). */
export function sceneFrame(landscape: LandscapeReport | undefined, paths: readonly SurfacePath[]): SceneFrame {
  if (landscape) {
    const logs = logLosses(landscape.losses);
    return {
      alpha: { min: landscape.alpha[0], max: landscape.alpha[landscape.alpha.length - 1] },
      beta: { min: landscape.beta[0], max: landscape.beta[landscape.beta.length - 1] },
      logLoss: rangeOf(logs),
    };
  }
  return {
    alpha: padded(rangeOf([0, ...paths.flatMap((p) => p.alpha)]), 0.08),
    beta: padded(rangeOf([0, ...paths.flatMap((p) => p.beta)]), 0.08),
    logLoss: rangeOf(logLosses(paths.flatMap((p) => p.loss))),
  };
}

export type Segment = [number, number, number, number];

/**
 * Iso-lines of a grid (row-major, x fastest, nx × ny nodes at unit spacing) at `level`, as
 * segments in grid coordinates, by marching squares (saddles split by the cell-centre mean).
 */
export function contourSegments(values: ArrayLike<number>, nx: number, ny: number, level: number): Segment[] {
  const segments: Segment[] = [];
  const at = (i: number, j: number) => values[j * nx + i];
  const cross = (a: number, b: number) => (level - a) / (b - a);
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const v = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)];
      if (!v.every(Number.isFinite)) continue;
      // Edge crossings: bottom, right, top, left.
      const points: ([number, number] | undefined)[] = [
        (v[0] < level) !== (v[1] < level) ? [i + cross(v[0], v[1]), j] : undefined,
        (v[1] < level) !== (v[2] < level) ? [i + 1, j + cross(v[1], v[2])] : undefined,
        (v[3] < level) !== (v[2] < level) ? [i + cross(v[3], v[2]), j + 1] : undefined,
        (v[0] < level) !== (v[3] < level) ? [i, j + cross(v[0], v[3])] : undefined,
      ];
      const found = points.filter((p): p is [number, number] => p !== undefined);
      if (found.length === 2) segments.push([found[0][0], found[0][1], found[1][0], found[1][1]]);
      else if (found.length === 4) {
        const centreAbove = (v[0] + v[1] + v[2] + v[3]) / 4 >= level;
        const [b, r, t, l] = found;
        const pairs = centreAbove === v[0] >= level ? [[b, r], [t, l]] : [[b, l], [t, r]];
        for (const [p, q] of pairs) segments.push([p[0], p[1], q[0], q[1]]);
      }
    }
  }
  return segments;
}

/** `count` evenly spaced levels strictly inside a range. */
export function contourLevels({ min, max }: Range, count: number): number[] {
  return Array.from({ length: count }, (_, k) => min + ((k + 1) * (max - min)) / (count + 1));
}

export interface ComparedRun {
  name: string;
  id: string;
  status: string;
  iterations: number;
  seconds: number;
  relL2?: number;
  finalLoss?: number;
}

function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The final-metrics table as CSV, one row per run. */
export function comparisonCsv(runs: readonly ComparedRun[]): string {
  const header = ['name', 'id', 'status', 'iterations', 'seconds', 'relL2', 'final_loss'];
  const lines = runs.map((r) => [r.name, r.id, r.status, r.iterations, r.seconds, r.relL2, r.finalLoss].map(csvCell).join(','));
  return [header.join(','), ...lines].join('\n') + '\n';
}
