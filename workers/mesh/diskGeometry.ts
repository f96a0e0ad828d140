/**
 * A structured O-grid on a box minus a disk (the Navier–Stokes cylinder domain). The logical box
 * [0, 1]² holds (ξ, η): ξ runs once round the box's perimeter (clockwise, from the top-left
 * corner; ξ = 0 and ξ = 1 are the same ray, the seam), η from the circle (0) to the box (1). The
 * map is a straight segment from the circle to the perimeter along the ray through the centre:
 *   X(ξ, η) = C(ξ) + g(η) · (P(ξ) − C(ξ)),   C(ξ) = c + R (P(ξ) − c) / |P(ξ) − c|,
 * with P piecewise linear along the four faces and g a geometric grading that makes the first
 * ring of cells about as deep as they are wide. The rays never cross (the box is star-shaped
 * about the centre), so the uniform logical mesh maps to a mesh without inverted cells; the
 * circle nodes stay on the circle and the perimeter nodes on the box whatever ξ they slide to.
 * Each face gets a share of the ξ nodes by half its length, half the angle it subtends, and
 * the box's corners are logical nodes whose rays keep ξ (so no cell cuts a corner).
 */
import type { HoleSpec } from '../config/schema';
import type { Monitor } from './monitor';
import type { MeshGeometry } from './meshGeometry';
import { structuredConnectivity, uniformMesh, type Box, type CellType, type StructuredMesh } from './structuredMesh';

const MEAN_GRID = 200;
const FD_STEP = 1e-6;

export interface DiskMap {
  /** Physical point of logical (ξ, η). */
  point(xi: number, eta: number): [number, number];
  /** Logical ξ of the faces' starts (4 corners; the first is 0) and the node column of each. */
  cornerColumns: number[];
  grading: number;
}

function perimeterOf(box: Box) {
  const [x0, y0] = box.min;
  const [x1, y1] = box.max;
  // Clockwise from the top-left corner: top, right, bottom, left.
  const corners: [number, number][] = [
    [x0, y1],
    [x1, y1],
    [x1, y0],
    [x0, y0],
  ];
  return corners;
}

/** The O-grid map of a box minus a disk with nξ cells round and nη out. */
export function diskMap(box: Box, hole: HoleSpec, cells: readonly [number, number]): DiskMap {
  const [n, nr] = cells;
  if (n < 4) throw new Error(`an O-grid needs at least 4 cells round the disk, got ${n}`);
  const [cx, cy] = hole.center;
  const corners = perimeterOf(box);
  const lengths = corners.map((a, f) => Math.hypot(corners[(f + 1) % 4][0] - a[0], corners[(f + 1) % 4][1] - a[1]));
  const perimeter = lengths.reduce((s, l) => s + l, 0);
  const angles = corners.map((a, f) => {
    const b = corners[(f + 1) % 4];
    const [ua, ub] = [Math.atan2(a[1] - cy, a[0] - cx), Math.atan2(b[1] - cy, b[0] - cx)];
    let span = ua - ub; // clockwise
    while (span <= 0) span += 2 * Math.PI;
    return span;
  });
  const counts = largestRemainder(
    lengths.map((l, f) => n * (0.5 * (l / perimeter) + 0.5 * (angles[f] / (2 * Math.PI)))),
    n,
  );
  const cornerColumns = counts.map((_, f) => counts.slice(0, f).reduce((s, c) => s + c, 0));
  const onPerimeter = (xi: number): [number, number] => {
    const column = (((xi % 1) + 1) % 1) * n;
    let f = 3;
    while (f > 0 && column < cornerColumns[f]) f--;
    const t = (column - cornerColumns[f]) / counts[f];
    const [a, b] = [corners[f], corners[(f + 1) % 4]];
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  };
  const onCircle = (p: [number, number]): [number, number] => {
    const r = Math.hypot(p[0] - cx, p[1] - cy);
    return [cx + (hole.radius * (p[0] - cx)) / r, cy + (hole.radius * (p[1] - cy)) / r];
  };
  // Grading: the first ring about as deep as the circle's cells are wide.
  let meanRay = 0;
  for (let i = 0; i < n; i++) {
    const p = onPerimeter(i / n);
    meanRay += (Math.hypot(p[0] - cx, p[1] - cy) - hole.radius) / n;
  }
  const grading = gradingFor((2 * Math.PI * hole.radius) / n / meanRay, nr);
  const g = (eta: number) => (grading === 0 ? eta : Math.expm1(grading * eta) / Math.expm1(grading));
  return {
    cornerColumns,
    grading,
    point(xi, eta) {
      const p = onPerimeter(xi);
      const c = onCircle(p);
      const s = g(eta);
      return [c[0] + s * (p[0] - c[0]), c[1] + s * (p[1] - c[1])];
    },
  };
}

/** β ≥ 0 with (e^{β/nr} − 1)/(e^β − 1) = first (0: uniform when the uniform step is already small enough). */
function gradingFor(first: number, nr: number): number {
  if (1 / nr <= first) return 0;
  const ratio = (beta: number) => Math.expm1(beta / nr) / Math.expm1(beta);
  let [lo, hi] = [1e-9, 60];
  for (let k = 0; k < 80; k++) {
    const mid = (lo + hi) / 2;
    if (ratio(mid) > first) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Integers ≥ 1 summing to total, close to the shares. */
function largestRemainder(shares: number[], total: number): number[] {
  const counts = shares.map((s) => Math.max(1, Math.floor(s)));
  while (counts.reduce((s, c) => s + c, 0) < total) {
    const k = shares.map((s, i) => s - counts[i]).reduce((best, r, i, all) => (r > all[best] ? i : best), 0);
    counts[k]++;
  }
  while (counts.reduce((s, c) => s + c, 0) > total) {
    const k = counts.reduce((best, c, i) => (c > counts[best] ? i : best), 0);
    counts[k]--;
  }
  return counts;
}

/** The O-grid geometry: cells [round, out], quads or triangles. */
export function diskGeometry(type: CellType, cells: readonly [number, number], box: Box, hole: HoleSpec): MeshGeometry {
  const map = diskMap(box, hole, cells);
  const [n, nr] = cells;
  const logical = uniformMesh(type, cells, { min: [0, 0], max: [1, 1] });
  // Physical node of logical (i, j): the seam column i = n is column 0.
  const physicalIndex = (k: number) => {
    const [i, j] = [k % (n + 1), Math.floor(k / (n + 1))];
    return j * n + (i % n);
  };
  const connectivity = structuredConnectivity(type, cells).map(physicalIndex);
  const toPhysical = (nodes: Float64Array): Float64Array => {
    const out = new Float64Array(2 * n * (nr + 1));
    for (let j = 0; j <= nr; j++) {
      for (let i = 0; i < n; i++) {
        const k = j * (n + 1) + i;
        const [x, y] = map.point(nodes[2 * k], nodes[2 * k + 1]);
        out[2 * (j * n + i)] = x;
        out[2 * (j * n + i) + 1] = y;
      }
    }
    return out;
  };
  const physical = (nodes: Float64Array): StructuredMesh => ({ type, cells, box, nodes: toPhysical(nodes), connectivity, hole });
  // The rays to the box corners keep ξ: a cell across one would fold round the corner.
  const holdX = map.cornerColumns.slice(1).flatMap((column) => Array.from({ length: nr + 1 }, (_, j) => j * (n + 1) + column));
  return {
    logical,
    physical,
    holdX,
    breaksX: map.cornerColumns.slice(1).map((column) => column / n),
    box,
    mapped: true,
    inside: (x, y) => (x - hole.center[0]) ** 2 + (y - hole.center[1]) ** 2 >= hole.radius ** 2,
    logicalMonitor: (monitor) => pulledBack(monitor, map),
  };
}

/** m̃(ξ, η) = m(X(ξ, η)) / mean m∘X: the O-grid's own grading stays, the monitor's adaptation comes on top. */
function pulledBack(monitor: Monitor, map: DiskMap): Monitor {
  const point = [0, 0];
  const at = (xi: number, eta: number) => {
    [point[0], point[1]] = map.point(xi, eta);
    return monitor.value(point);
  };
  let sum = 0;
  for (let j = 0; j < MEAN_GRID; j++) for (let i = 0; i < MEAN_GRID; i++) sum += at((i + 0.5) / MEAN_GRID, (j + 0.5) / MEAN_GRID);
  const mean = sum / MEAN_GRID ** 2;
  return {
    theta: monitor.theta * mean,
    meanGradient: monitor.meanGradient,
    value: (p) => at(p[0], p[1]) / mean,
    gradient: (p) => {
      // ∇_ξ m̃ = DXᵀ ∇m(X), DX by central differences (clamped to the logical box).
      const [xi, eta] = [p[0], p[1]];
      const [ea, eb] = [Math.max(0, eta - FD_STEP), Math.min(1, eta + FD_STEP)];
      const [xa, xb] = [map.point(xi - FD_STEP, eta), map.point(xi + FD_STEP, eta)];
      const [ya, yb] = [map.point(xi, ea), map.point(xi, eb)];
      const dXi = [(xb[0] - xa[0]) / (2 * FD_STEP), (xb[1] - xa[1]) / (2 * FD_STEP)];
      const dEta = [(yb[0] - ya[0]) / (eb - ea), (yb[1] - ya[1]) / (eb - ea)];
      [point[0], point[1]] = map.point(xi, eta);
      const [mx, my] = monitor.gradient(point);
      return [(dXi[0] * mx + dXi[1] * my) / mean, (dEta[0] * mx + dEta[1] * my) / mean];
    },
  };
}

