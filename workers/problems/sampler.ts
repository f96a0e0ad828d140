/** Collocation points in a box and on its faces, drawn from the run's seeded generator. */
import type { Rng } from '../engine/rng';
import type { DomainSpec } from '../config/schema';
import { faceMeasure, lowerCorner, upperCorner, type Face } from './domain';
import { sobolUnitPoints } from './sobol';
import { dropHolePoints, holeMeasure, sampleHole, type BoundaryPart } from './holes';

export type SamplingMethod = 'random' | 'lhs' | 'sobol';

/** n points as a row-major n×d Float64Array. */
export function sampleBox(lo: readonly number[], hi: readonly number[], n: number, method: SamplingMethod, rng: Rng): Float64Array {
  const d = lo.length;
  if (method === 'sobol') {
    const unit = sobolUnitPoints(n, d, rng);
    for (let i = 0; i < unit.length; i++) unit[i] = lo[i % d] + unit[i] * (hi[i % d] - lo[i % d]);
    return unit;
  }
  const points = new Float64Array(n * d);
  for (let k = 0; k < d; k++) {
    const span = hi[k] - lo[k];
    if (method === 'lhs') {
      // Latin hypercube: one point in each of n strata per coordinate, strata shuffled.
      const order = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (let i = 0; i < n; i++) points[i * d + k] = lo[k] + ((order[i] + rng.uniform()) / n) * span;
    } else {
      for (let i = 0; i < n; i++) points[i * d + k] = lo[k] + rng.uniform() * span;
    }
  }
  return points;
}

/** n points in the domain: the box less its holes (points in a disk are redrawn). */
export function sampleInterior(domain: DomainSpec, n: number, method: SamplingMethod, rng: Rng): Float64Array {
  const lo = lowerCorner(domain);
  const hi = upperCorner(domain);
  const holes = domain.holes ?? [];
  if (holes.length === 0) return sampleBox(lo, hi, n, method, rng);
  const d = lo.length;
  const out = new Float64Array(n * d);
  let have = 0;
  while (have < n) {
    const batch = dropHolePoints(sampleBox(lo, hi, Math.ceil((n - have) * 1.2) + 16, method, rng), d, holes);
    const take = Math.min(batch.length / d, n - have);
    out.set(batch.subarray(0, take * d), have * d);
    have += take;
  }
  return out;
}

/** Splits n points over the faces and circles of a boundary part in proportion to their measure (at least one each). */
export function sampleBoundary(domain: DomainSpec, part: BoundaryPart, n: number, method: SamplingMethod, rng: Rng): { points: Float64Array; normals: Float64Array } {
  if (part.holes.length === 0) return sampleFaces(domain, part.faces, n, method, rng);
  const holes = domain.holes ?? [];
  const faceMeasures = part.faces.reduce((sum, face) => sum + faceMeasure(face, domain), 0);
  const holeMeasures = part.holes.map((h) => holeMeasure(holes[h], domain));
  const total = faceMeasures + holeMeasures.reduce((a, b) => a + b, 0);
  const blocks = part.faces.length > 0 ? [sampleFaces(domain, part.faces, Math.max(1, Math.round((n * faceMeasures) / total)), method, rng)] : [];
  part.holes.forEach((h, i) => blocks.push(sampleHole(domain, holes[h], Math.max(1, Math.round((n * holeMeasures[i]) / total)), method, rng)));
  const join = (key: 'points' | 'normals') => {
    const out = new Float64Array(blocks.reduce((sum, b) => sum + b[key].length, 0));
    let offset = 0;
    for (const block of blocks) {
      out.set(block[key], offset);
      offset += block[key].length;
    }
    return out;
  };
  return { points: join('points'), normals: join('normals') };
}

/** Splits n points over faces in proportion to their measure (at least one each). */
export function sampleFaces(domain: DomainSpec, faces: readonly Face[], n: number, method: SamplingMethod, rng: Rng): { points: Float64Array; normals: Float64Array } {
  const lo = lowerCorner(domain);
  const hi = upperCorner(domain);
  const d = lo.length;
  const measures = faces.map((face) => faceMeasure(face, domain));
  const total = measures.reduce((a, b) => a + b, 0);
  const counts = measures.map((m) => Math.max(1, Math.round((n * m) / total)));
  const count = counts.reduce((a, b) => a + b, 0);
  const points = new Float64Array(count * d);
  const normals = new Float64Array(count * d);
  let offset = 0;
  faces.forEach((face, f) => {
    const faceLo = [...lo];
    const faceHi = [...hi];
    const at = face.side === 'min' ? lo[face.dim] : hi[face.dim];
    faceLo[face.dim] = at;
    faceHi[face.dim] = at;
    const block = sampleBox(faceLo, faceHi, counts[f], method, rng);
    points.set(block, offset * d);
    for (let i = 0; i < counts[f]; i++) normals[(offset + i) * d + face.dim] = face.side === 'min' ? -1 : 1;
    offset += counts[f];
  });
  return { points, normals };
}

/** A regular grid with `n` points per axis (n^d points, first axis fastest). */
export function gridPoints(lo: readonly number[], hi: readonly number[], n: readonly number[]): Float64Array {
  const d = lo.length;
  const total = n.reduce((a, b) => a * b, 1);
  const points = new Float64Array(total * d);
  for (let index = 0; index < total; index++) {
    let rest = index;
    for (let k = 0; k < d; k++) {
      const i = rest % n[k];
      rest = Math.floor(rest / n[k]);
      points[index * d + k] = n[k] === 1 ? (lo[k] + hi[k]) / 2 : lo[k] + ((hi[k] - lo[k]) * i) / (n[k] - 1);
    }
  }
  return points;
}
