/**
 * What the flow panel draws from a snapshot of a velocity–pressure (or ψ–ω) run: the scalar to
 * colour (|u|, p, ψ, ω), arrow glyphs on a coarse grid, and the profile of u along x = 0.5 for
 * comparison with Ghia's table. Pure functions; the component only paints them.
 */
import type { FieldSnapshot } from '../../../workers/protocol/service';

export type FlowScalar = 'speed' | 'p' | 'psi' | 'omega';

/** The scalars this snapshot can show (speed needs u and v). */
export function flowScalars(snapshot: FieldSnapshot | undefined): FlowScalar[] {
  const fields = snapshot?.fields ?? {};
  const out: FlowScalar[] = [];
  if (fields.u && fields.v) out.push('speed');
  for (const name of ['p', 'psi', 'omega'] as const) if (fields[name]) out.push(name);
  return out;
}

/** Values of a scalar on the snapshot grid; NaN inside holes. */
export function flowScalarValues(snapshot: FieldSnapshot, scalar: FlowScalar): Float32Array {
  const fields = snapshot.fields ?? {};
  const n = snapshot.prediction.length;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = scalar === 'speed' ? Math.hypot(fields.u[i], fields.v[i]) : fields[scalar][i];
    if (snapshot.inDomain && snapshot.inDomain[i] === 0) out[i] = NaN;
  }
  return out;
}

export interface Glyph {
  /** Grid coordinates of the arrow's foot (fractions of the axes, 0..1). */
  fx: number;
  fy: number;
  /** Velocity scaled so the largest arrow spans one glyph cell. */
  dx: number;
  dy: number;
}

/** Arrows on a `count`×`count` subgrid, longest = one cell (1/count of each axis). */
export function velocityGlyphs(snapshot: FieldSnapshot, count: number): Glyph[] {
  const fields = snapshot.fields ?? {};
  if (!fields.u || !fields.v) return [];
  const [ax, ay] = snapshot.axes;
  const picks: { i: number; fx: number; fy: number }[] = [];
  for (let b = 0; b < count; b++) {
    for (let a = 0; a < count; a++) {
      const fx = (a + 0.5) / count;
      const fy = (b + 0.5) / count;
      const i = Math.round(fy * (ay.n - 1)) * ax.n + Math.round(fx * (ax.n - 1));
      if (snapshot.inDomain && snapshot.inDomain[i] === 0) continue;
      picks.push({ i, fx, fy });
    }
  }
  // Directions in axis fractions: a unit of x is 1/(max − min) of the width.
  const sx = 1 / (ax.max - ax.min);
  const sy = 1 / (ay.max - ay.min);
  const largest = Math.max(1e-30, ...picks.map(({ i }) => Math.hypot(fields.u[i] * sx, fields.v[i] * sy)));
  const scale = 1 / (count * largest);
  return picks.map(({ i, fx, fy }) => ({ fx, fy, dx: fields.u[i] * sx * scale, dy: fields.v[i] * sy * scale }));
}

/** u along the vertical line x = x0 (nearest grid column), as (y, u) pairs. */
export function verticalProfile(snapshot: FieldSnapshot, x0: number): { y: number; u: number }[] {
  const u = snapshot.fields?.u;
  if (!u) return [];
  const [ax, ay] = snapshot.axes;
  const column = Math.round(((x0 - ax.min) / (ax.max - ax.min)) * (ax.n - 1));
  if (column < 0 || column >= ax.n) return [];
  return Array.from({ length: ay.n }, (_, j) => ({ y: ay.min + ((ay.max - ay.min) * j) / (ay.n - 1), u: u[j * ax.n + column] }));
}

/**
 * Arrows as independent segments [x0, y0, x1, y1, …] in axis fractions (shaft and two head
 * strokes each), for the three.js overlay; `aspect` (width / height on screen) keeps the heads'
 * angles true on a stretched rectangle.
 */
export function arrowSegments(glyphs: readonly Glyph[], aspect: number): Float32Array {
  const out = new Float32Array(glyphs.length * 12);
  glyphs.forEach((g, k) => {
    const x1 = g.fx + g.dx;
    const y1 = g.fy + g.dy;
    // Head strokes in screen units (x stretched by aspect), mapped back to fractions.
    const angle = Math.atan2(g.dy, g.dx * aspect);
    const head = 0.3 * Math.hypot(g.dx * aspect, g.dy);
    const stroke = (turn: number) => [x1 - (head * Math.cos(angle + turn)) / aspect, y1 - head * Math.sin(angle + turn)];
    out.set([g.fx, g.fy, x1, y1, x1, y1, ...stroke(0.45), x1, y1, ...stroke(-0.45)], 12 * k);
  });
  return out;
}
