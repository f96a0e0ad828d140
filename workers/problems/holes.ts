/**
 * Box-minus-disks domains (domain.holes): which points lie in the fluid, boundary names for the
 * circles ('hole' for every circle, 'hole:i' for one), points on the circles with their normals,
 * and the circles' distance-like function for hard constraints.
 */
import type { Expr } from '../expr/ast';
import type { DomainSpec, HoleSpec } from '../config/schema';
import type { Rng } from '../engine/rng';
import { lowerCorner, parseFace, upperCorner, type Face } from './domain';
import type { SamplingMethod } from './sampler';

/** The boundary a `where` names: box faces and circles (indices into domain.holes). */
export interface BoundaryPart {
  faces: Face[];
  holes: number[];
}

/**
 * `all` is every non-periodic face and every circle; 'hole' every circle; 'hole:i' one; a comma
 * list ('x=0, y=0, hole') the union of its parts.
 */
export function parseWhere(where: string, domain: DomainSpec): BoundaryPart {
  if (where.includes(',')) {
    const parts = where.split(',').map((part) => parseWhere(part, domain));
    const faces = parts.flatMap((p) => p.faces).filter((f, i, all) => all.findIndex((g) => g.dim === f.dim && g.side === f.side) === i);
    return { faces, holes: [...new Set(parts.flatMap((p) => p.holes))].sort((a, b) => a - b) };
  }
  const holes = domain.holes ?? [];
  const trimmed = where.trim();
  const match = /^hole(?:\s*:\s*(\d+))?$/.exec(trimmed);
  if (match) {
    if (holes.length === 0) throw new Error(`'${where}' names a hole, but the domain has none (add domain.holes)`);
    if (match[1] === undefined) return { faces: [], holes: holes.map((_, i) => i) };
    const index = Number(match[1]);
    if (index >= holes.length) throw new Error(`'${where}': the domain has ${holes.length} hole${holes.length === 1 ? '' : 's'} (hole:0 to hole:${holes.length - 1})`);
    return { faces: [], holes: [index] };
  }
  if (trimmed === 'all') {
    let faces: Face[] = [];
    try {
      faces = parseFace('all', domain);
    } catch (error) {
      if (holes.length === 0) throw error;
    }
    return { faces, holes: holes.map((_, i) => i) };
  }
  return { faces: parseFace(where, domain), holes: [] };
}

export function insideHole(holes: readonly HoleSpec[], x: number, y: number): boolean {
  return holes.some((h) => (x - h.center[0]) ** 2 + (y - h.center[1]) ** 2 < h.radius ** 2);
}

/** Keeps the rows of a row-major n×d point array that are not inside any hole. */
export function dropHolePoints(points: Float64Array, d: number, holes: readonly HoleSpec[]): Float64Array {
  if (holes.length === 0) return points;
  const kept: number[] = [];
  for (let i = 0; i < points.length / d; i++) if (!insideHole(holes, points[i * d], points[i * d + 1])) kept.push(i);
  const out = new Float64Array(kept.length * d);
  kept.forEach((i, k) => out.set(points.subarray(i * d, (i + 1) * d), k * d));
  return out;
}

/** Length of a circle times the time interval's length (its share of boundary points). */
export function holeMeasure(hole: HoleSpec, domain: DomainSpec): number {
  return 2 * Math.PI * hole.radius * (domain.time ? domain.time[1] - domain.time[0] : 1);
}

/**
 * n points on one circle (× the time interval), evenly spaced in angle from a random offset
 * ('lhs'/'sobol') or at random angles ('random'). Normals point out of the fluid: into the disk.
 */
export function sampleHole(domain: DomainSpec, hole: HoleSpec, n: number, method: SamplingMethod, rng: Rng): { points: Float64Array; normals: Float64Array } {
  const lo = lowerCorner(domain);
  const hi = upperCorner(domain);
  const d = lo.length;
  const points = new Float64Array(n * d);
  const normals = new Float64Array(n * d);
  const offset = rng.uniform();
  for (let i = 0; i < n; i++) {
    const angle = 2 * Math.PI * (method === 'random' ? rng.uniform() : (i + offset) / n);
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    points[i * d] = hole.center[0] + hole.radius * c;
    points[i * d + 1] = hole.center[1] + hole.radius * s;
    normals[i * d] = -c;
    normals[i * d + 1] = -s;
    for (let k = 2; k < d; k++) points[i * d + k] = lo[k] + rng.uniform() * (hi[k] - lo[k]);
  }
  return { points, normals };
}

/**
 * n points in the annuli R ≤ r ≤ R (1 + width) around the circles (split evenly over the holes),
 * uniform in angle and in the distance r − R, so their density grows like 1/r towards the wall,
 * where the no-slip boundary layer (and a body's drag) is decided. Points that fall outside the
 * box or inside another hole are redrawn; a time coordinate is uniform over its interval.
 */
export function sampleNearHoles(domain: DomainSpec, n: number, width: number, rng: Rng): Float64Array {
  const holes = domain.holes ?? [];
  if (holes.length === 0) throw new Error('sampling.nearHoles needs a domain with holes (domain.holes)');
  const lo = lowerCorner(domain);
  const hi = upperCorner(domain);
  const d = lo.length;
  const out = new Float64Array(n * d);
  const inBox = (x: number, y: number) => x >= lo[0] && x <= hi[0] && y >= lo[1] && y <= hi[1];
  for (let i = 0, tries = 0; i < n; tries++) {
    if (tries > 1000 * n + 1000) throw new Error('sampling.nearHoles: the annuli around the holes lie almost wholly outside the box');
    const hole = holes[i % holes.length];
    const angle = 2 * Math.PI * rng.uniform();
    const r = hole.radius * (1 + width * rng.uniform());
    const x = hole.center[0] + r * Math.cos(angle);
    const y = hole.center[1] + r * Math.sin(angle);
    if (!inBox(x, y) || insideHole(holes, x, y)) continue;
    out[i * d] = x;
    out[i * d + 1] = y;
    for (let k = 2; k < d; k++) out[i * d + k] = lo[k] + rng.uniform() * (hi[k] - lo[k]);
    i++;
  }
  return out;
}

const num = (value: number): Expr => ({ kind: 'num', value });
const bin = (op: '+' | '-' | '*' | '/', left: Expr, right: Expr): Expr => ({ kind: 'bin', op, left, right });

/**
 * φ = (r² − R²)/(r² + R²): zero on the circle, ≈ (r − R)/R near it, tending to 1 far away, so
 * a product of box-face distances and φ stays of order one in the fluid.
 */
export function holeDistanceExpression(hole: HoleSpec, coordinates: readonly string[]): Expr {
  const dx = bin('-', { kind: 'name', name: coordinates[0], column: 0 }, num(hole.center[0]));
  const dy = bin('-', { kind: 'name', name: coordinates[1], column: 0 }, num(hole.center[1]));
  const r2 = bin('+', bin('*', dx, dx), bin('*', dy, dy));
  const R2 = num(hole.radius * hole.radius);
  return bin('/', bin('-', r2, R2), bin('+', r2, R2));
}

/**
 * ρ = (r² − R²)/(2R²): zero on the circle, ≈ (r − R)/R near it, growing like (r/R)² away from it.
 * The blend weights of hardLift.ts use it, so that a circle's data fade out over about one radius.
 */
export function holeBlendExpression(hole: HoleSpec, coordinates: readonly string[]): Expr {
  const dx = bin('-', { kind: 'name', name: coordinates[0], column: 0 }, num(hole.center[0]));
  const dy = bin('-', { kind: 'name', name: coordinates[1], column: 0 }, num(hole.center[1]));
  const r2 = bin('+', bin('*', dx, dx), bin('*', dy, dy));
  return bin('/', bin('-', r2, num(hole.radius * hole.radius)), num(2 * hole.radius * hole.radius));
}
