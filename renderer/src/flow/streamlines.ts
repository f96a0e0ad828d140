/**
 * Evenly spaced streamlines of a 2D velocity snapshot, for the three.js flow overlay. Lines are
 * traced both ways from seeds on a regular grid by the midpoint rule (RK2) on the bilinear
 * interpolant of (u, v), with a step of fixed length on screen; a seed, or a line, stops where
 * another line already passes (one line per cell of an occupancy grid, after Jobard & Lefer 1997,
 * simplified) or where it meets its own track again (a closed loop), at the border, inside a hole, or where the flow stagnates. Positions are fractions
 * (0..1) of the two axes, so the overlay maps them onto the plotted rectangle as it likes.
 */
import type { AxisInfo } from '../../../workers/protocol/service';

export interface VelocityGrid {
  axes: [AxisInfo, AxisInfo];
  u: Float32Array;
  v: Float32Array;
  /** 1 where the node lies in the fluid, 0 inside a hole. */
  inDomain?: Uint8Array;
}

export interface StreamlineOptions {
  /** Seeds (and the spacing of lines) per axis. */
  density: number;
  /** Width / height of the plotted rectangle: steps are of equal length on screen. */
  aspect: number;
  /** Step length as a fraction of the plotted rectangle's larger side. */
  step?: number;
  maxSteps?: number;
}

/** One polyline as [fx0, fy0, fx1, fy1, …]. */
export type Polyline = Float32Array;

function bilinear(values: Float32Array, n0: number, n1: number, fx: number, fy: number): number {
  const si = fx * (n0 - 1);
  const sj = fy * (n1 - 1);
  const i = Math.min(n0 - 2, Math.max(0, Math.floor(si)));
  const j = Math.min(n1 - 2, Math.max(0, Math.floor(sj)));
  const a = si - i;
  const b = sj - j;
  const k = j * n0 + i;
  return (1 - b) * ((1 - a) * values[k] + a * values[k + 1]) + b * ((1 - a) * values[k + n0] + a * values[k + n0 + 1]);
}

export function streamlines(grid: VelocityGrid, options: StreamlineOptions): Polyline[] {
  const [ax, ay] = grid.axes;
  const n0 = ax.n;
  const n1 = ay.n;
  const { density, aspect } = options;
  // Screen size of the rectangle, the larger side 1.
  const width = aspect >= 1 ? 1 : aspect;
  const height = aspect >= 1 ? 1 / aspect : 1;
  const step = options.step ?? 0.1 / density;
  const maxSteps = options.maxSteps ?? Math.ceil(8 / step);
  const sx = 1 / (ax.max - ax.min);
  const sy = 1 / (ay.max - ay.min);
  let largest = 0;
  for (let k = 0; k < grid.u.length; k++) largest = Math.max(largest, Math.hypot(grid.u[k] * sx * width, grid.v[k] * sy * height));
  if (!(largest > 0)) return [];
  const still = 1e-4 * largest;

  // Occupancy at twice the seed density: a line claims the cells it crosses.
  const cells = 2 * density;
  const owner = new Int32Array(cells * cells).fill(-1);
  // Where along its line (steps from the seed, negative backwards) the owner crossed the cell.
  const claimedAt = new Int32Array(cells * cells);
  // A line meeting its own track this many steps later has closed a loop.
  const loop = Math.ceil(4 / (cells * step));
  const cellOf = (fx: number, fy: number) => Math.min(cells - 1, Math.floor(fy * cells)) * cells + Math.min(cells - 1, Math.floor(fx * cells));
  const fluid = (fx: number, fy: number) => {
    if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1)) return false;
    if (!grid.inDomain) return true;
    return grid.inDomain[Math.round(fy * (n1 - 1)) * n0 + Math.round(fx * (n0 - 1))] !== 0;
  };
  /** Unit screen-speed direction in fractions, or undefined where the flow stands still. */
  const direction = (fx: number, fy: number, sign: number): [number, number] | undefined => {
    const dx = bilinear(grid.u, n0, n1, fx, fy) * sx;
    const dy = bilinear(grid.v, n0, n1, fx, fy) * sy;
    const speed = Math.hypot(dx * width, dy * height);
    if (!(speed > still)) return undefined;
    return [(sign * dx * step) / speed, (sign * dy * step) / speed];
  };

  const lines: Polyline[] = [];
  const trace = (fx: number, fy: number, sign: number, id: number): number[] => {
    const points: number[] = [];
    for (let s = 1; s <= maxSteps; s++) {
      const first = direction(fx, fy, sign);
      if (!first) break;
      const mx = fx + first[0] / 2;
      const my = fy + first[1] / 2;
      const second = fluid(mx, my) ? direction(mx, my, sign) : undefined;
      if (!second) break;
      const nx = fx + second[0];
      const ny = fy + second[1];
      if (!fluid(nx, ny)) break;
      const cell = cellOf(nx, ny);
      const at = sign * s;
      if (owner[cell] !== -1 && (owner[cell] !== id || Math.abs(at - claimedAt[cell]) > loop)) break;
      if (owner[cell] !== id) claimedAt[cell] = at;
      owner[cell] = id;
      points.push(nx, ny);
      [fx, fy] = [nx, ny];
    }
    return points;
  };

  for (let b = 0; b < density; b++) {
    for (let a = 0; a < density; a++) {
      const fx = (a + 0.5) / density;
      const fy = (b + 0.5) / density;
      const cell = cellOf(fx, fy);
      if (!fluid(fx, fy) || owner[cell] !== -1) continue;
      const id = lines.length;
      owner[cell] = id;
      const forward = trace(fx, fy, 1, id);
      const backward = trace(fx, fy, -1, id);
      if (forward.length + backward.length < 4) continue;
      const line = new Float32Array(backward.length + 2 + forward.length);
      for (let k = backward.length - 2, o = 0; k >= 0; k -= 2, o += 2) line.set([backward[k], backward[k + 1]], o);
      line.set([fx, fy], backward.length);
      line.set(forward, backward.length + 2);
      lines.push(line);
    }
  }
  return lines;
}

/** Polylines as independent segments [x0, y0, x1, y1, …] for a LineSegments object. */
export function polylineSegments(lines: readonly Polyline[]): Float32Array {
  const count = lines.reduce((n, line) => n + Math.max(0, line.length / 2 - 1), 0);
  const out = new Float32Array(count * 4);
  let o = 0;
  for (const line of lines) {
    for (let k = 0; k + 3 < line.length; k += 2) {
      out.set(line.subarray(k, k + 4), o);
      o += 4;
    }
  }
  return out;
}
