/** Box domains (optionally with a time interval): coordinate names, faces, measures. */
import type { DomainSpec } from '../config/schema';

const SPACE_NAMES = ['x', 'y', 'z'];

/** Coordinates in network input order: space first, then t when the domain has time. */
export function coordinateNames(domain: DomainSpec): string[] {
  const names = SPACE_NAMES.slice(0, domain.min.length);
  return domain.time ? [...names, 't'] : names;
}

export function lowerCorner(domain: DomainSpec): number[] {
  return domain.time ? [...domain.min, domain.time[0]] : [...domain.min];
}

export function upperCorner(domain: DomainSpec): number[] {
  return domain.time ? [...domain.max, domain.time[1]] : [...domain.max];
}

/** Indices of the periodic space axes. */
export function periodicAxes(domain: DomainSpec): number[] {
  const axes = SPACE_NAMES.slice(0, domain.min.length);
  if (domain.periodic === true) return axes.map((_, i) => i);
  if (!domain.periodic) return [];
  return domain.periodic.map((name) => axes.indexOf(name)).filter((i) => i >= 0);
}

export interface Face {
  dim: number;
  side: 'min' | 'max';
}

/**
 * `all` is every spatial face that is not periodic (for all times); a face is written `x=0`,
 * `y=1`, `t=0`, or `x=min`.
 */
export function parseFace(where: string, domain: DomainSpec): Face[] {
  const names = coordinateNames(domain);
  const lo = lowerCorner(domain);
  const hi = upperCorner(domain);
  const periodic = periodicAxes(domain);
  const trimmed = where.trim();
  if (trimmed === 'all') {
    const faces = SPACE_NAMES.slice(0, domain.min.length)
      .map((_, dim) => dim)
      .filter((dim) => !periodic.includes(dim))
      .flatMap((dim) => [
        { dim, side: 'min' as const },
        { dim, side: 'max' as const },
      ]);
    if (faces.length === 0) throw new Error("'all' names no face: every space axis is periodic");
    return faces;
  }
  const match = /^([a-z])\s*=\s*(.+)$/.exec(trimmed);
  if (!match) throw new Error(`'${where}' is not 'all' or a face such as '${names[0]}=${lo[0]}'`);
  const dim = names.indexOf(match[1]);
  if (dim < 0) throw new Error(`'${match[1]}' is not a coordinate of this domain (coordinates: ${names.join(', ')})`);
  if (periodic.includes(dim)) {
    throw new Error(`'${where}' is not a boundary: ${match[1]} is periodic (domain.periodic), so its two faces are joined`);
  }
  const text = match[2].trim();
  if (text === 'min') return [{ dim, side: 'min' }];
  if (text === 'max') return [{ dim, side: 'max' }];
  const value = Number(text);
  const tolerance = 1e-9 * Math.max(1, Math.abs(hi[dim] - lo[dim]));
  if (Number.isFinite(value) && Math.abs(value - lo[dim]) <= tolerance) return [{ dim, side: 'min' }];
  if (Number.isFinite(value) && Math.abs(value - hi[dim]) <= tolerance) return [{ dim, side: 'max' }];
  throw new Error(`'${where}' is not a face of the domain (${match[1]} runs from ${lo[dim]} to ${hi[dim]})`);
}

/** Size of a face: the product of the other coordinates' extents (1 for a point). */
export function faceMeasure(face: Face, domain: DomainSpec): number {
  const lo = lowerCorner(domain);
  const hi = upperCorner(domain);
  let measure = 1;
  for (let d = 0; d < lo.length; d++) if (d !== face.dim) measure *= hi[d] - lo[d];
  return measure;
}
