/**
 * The lift g and distance D of a hard Dirichlet constraint u = g + D·N (hardConstraint.ts), built
 * from the data on the boundary only, so that the data's values inside the domain never leak in:
 *
 * - Box faces: g_box is the transfinite (Coons / Gordon) interpolant of the face data, the Boolean
 *   sum of one projector per constrained axis, g_box = Σ_{S≠∅} (−1)^{|S|+1} Π_{k∈S} P_k f, where
 *   P_k interpolates linearly between the data on the axis' two faces (x_k = a, x_k = b), or
 *   extends the data of its single constrained face constantly along the axis. g_box equals the
 *   data on every constrained face when the data agree where faces meet.
 *   (Gordon & Hall 1973; the same construction as Sukumar & Srivastava 2022, §3.)
 * - Circles (domain.holes): with ρ_i = (r² − R_i²)/(2R_i²) (≈ (r − R_i)/R_i near circle i) and
 *   b_i = D_box / D_box(centre_i) (D_box the product of the normalised face distances, b_i ≈ 1
 *   around the circle), the blend weights w_i = b_i Π_{j≠i} ρ_j / (b_i Π_{j≠i} ρ_j + ρ_i) are 1 on
 *   circle i and 0 on every other constrained boundary, and g = Σ w_i h_i + (1 − Σ w_i) g_box.
 *   Both distances are measured on the circle's own scale, so the lift turns from the circle's
 *   data to the box data over about one radius: with D_box itself (≈ 0.07 near the Schäfer–Turek
 *   cylinder) the turn took 0.07 radii, a layer the network had to cancel (c_D stuck near 14).
 * - D = D_box · Π φ_i vanishes exactly on every constrained face and circle (D_box is scaled by 4
 *   per axis constrained on both sides, so that it is of order one inside).
 * Where two hard pieces of one unknown name the same face or circle, the later one holds there.
 */
import type { Expr } from '../expr/ast';
import type { DomainSpec } from '../config/schema';
import { lowerCorner, upperCorner } from './domain';
import { distanceExpression, type HardConstraint } from './hardConstraint';
import { holeBlendExpression, holeDistanceExpression, type BoundaryPart } from './holes';

export interface HardPiece extends BoundaryPart {
  value: Expr;
}

const num = (value: number): Expr => ({ kind: 'num', value });
const bin = (op: '+' | '-' | '*' | '/', left: Expr, right: Expr): Expr => ({ kind: 'bin', op, left, right });

/** The expression with coordinate `name` replaced by a number. */
export function substitute(expr: Expr, name: string, value: number): Expr {
  switch (expr.kind) {
    case 'num':
      return expr;
    case 'name':
      return expr.name === name ? num(value) : expr;
    case 'neg':
      return { kind: 'neg', arg: substitute(expr.arg, name, value) };
    case 'bin':
      return { ...expr, left: substitute(expr.left, name, value), right: substitute(expr.right, name, value) };
    case 'call':
      return { ...expr, args: expr.args.map((arg) => substitute(arg, name, value)) };
  }
}

/** Data of one constrained face: its axis, side, coordinate value, and the expression given there. */
interface FaceData {
  dim: number;
  at: number;
  value: Expr;
}

/** Π over the axes of S of the projector P_k, applied to the data (the first axis' face gives the value). */
function projectorProduct(axes: readonly FaceData[][], coordinates: readonly string[], lo: readonly number[], hi: readonly number[]): Expr {
  // Every choice of one constrained face per axis contributes weight Π w_k times the data at that corner/edge.
  const choices = axes.reduce<FaceData[][]>((acc, faces) => acc.flatMap((prefix) => faces.map((face) => [...prefix, face])), [[]]);
  const terms = choices.map((choice) => {
    let value = choice[0].value;
    for (const face of choice) value = substitute(value, coordinates[face.dim], face.at);
    return choice.reduce<Expr>((product, face, i) => {
      const faces = axes[i];
      if (faces.length === 1) return product; // constant extension along the axis
      const x: Expr = { kind: 'name', name: coordinates[face.dim], column: 0 };
      const span = hi[face.dim] - lo[face.dim];
      const weight = face.at === lo[face.dim] ? bin('/', bin('-', num(hi[face.dim]), x), num(span)) : bin('/', bin('-', x, num(lo[face.dim])), num(span));
      return bin('*', product, weight);
    }, value);
  });
  return terms.reduce((sum, term) => bin('+', sum, term));
}

/** The transfinite interpolant of the face data (0 when no face is constrained). */
function boxLift(faces: readonly FaceData[], coordinates: readonly string[], domain: DomainSpec): Expr {
  const lo = lowerCorner(domain);
  const hi = upperCorner(domain);
  const byAxis = [...new Set(faces.map((f) => f.dim))].sort().map((dim) => faces.filter((f) => f.dim === dim));
  if (byAxis.length === 0) return num(0);
  let sum: Expr | undefined;
  for (let mask = 1; mask < 1 << byAxis.length; mask++) {
    const subset = byAxis.filter((_, k) => mask & (1 << k));
    const term = projectorProduct(subset, coordinates, lo, hi);
    const sign = subset.length % 2 === 1 ? '+' : '-';
    sum = sum === undefined ? term : bin(sign, sum, term);
  }
  return sum!;
}

/** The product of normalised face distances of distanceExpression at one point. */
function boxDistanceAt(faces: readonly { dim: number; side: 'min' | 'max' }[], lo: readonly number[], hi: readonly number[], point: readonly number[]): number {
  return faces.reduce((product, f) => product * (f.side === 'min' ? point[f.dim] - lo[f.dim] : hi[f.dim] - point[f.dim]) / (hi[f.dim] - lo[f.dim]), 1);
}

/** g and D for one unknown from its hard pieces (in config order). */
export function hardLift(unknown: string, pieces: readonly HardPiece[], domain: DomainSpec, coordinates: readonly string[]): HardConstraint {
  const faceData = new Map<string, FaceData>();
  const holeData = new Map<number, Expr>();
  const lo = lowerCorner(domain);
  const hi = upperCorner(domain);
  for (const piece of pieces) {
    for (const face of piece.faces) faceData.set(`${face.dim}:${face.side}`, { dim: face.dim, at: face.side === 'min' ? lo[face.dim] : hi[face.dim], value: piece.value });
    for (const hole of piece.holes) holeData.set(hole, piece.value);
  }
  const faces = [...faceData.values()];
  const faceList = [...faceData.keys()].map((key) => {
    const [dim, side] = key.split(':');
    return { dim: Number(dim), side: side as 'min' | 'max' };
  });
  const gBox = boxLift(faces, coordinates, domain);
  // Each axis constrained on both sides contributes (x − a)(b − x)/(b − a)² ≤ 1/4: scaled by 4 so D peaks near 1.
  const pairedAxes = new Set(faceList.filter((f) => faceList.some((g) => g.dim === f.dim && g.side !== f.side)).map((f) => f.dim)).size;
  const dBox: Expr = faceList.length > 0 ? bin('*', num(4 ** pairedAxes), distanceExpression(faceList, domain, coordinates)) : num(1);
  const holes = [...holeData.keys()].sort((a, b) => a - b);
  if (holes.length === 0) return { unknown, value: gBox, distance: dBox };
  const phi = holes.map((h) => holeDistanceExpression(domain.holes![h], coordinates));
  if (faceList.length === 0 && holes.length === 1) return { unknown, value: holeData.get(holes[0])!, distance: phi[0] };
  const rho = holes.map((h) => holeBlendExpression(domain.holes![h], coordinates));
  const weights = holes.map((h, i) => {
    const center = domain.holes![h].center;
    const bBox = faceList.length > 0 ? bin('/', dBox, num(4 ** pairedAxes * boxDistanceAt(faceList, lo, hi, center))) : num(1);
    const others = rho.reduce<Expr>((product, r, j) => (j === i ? product : bin('*', product, r)), bBox);
    return bin('/', others, bin('+', others, rho[i]));
  });
  const weightSum = weights.reduce((sum, w) => bin('+', sum, w));
  const blended = holes.reduce<Expr>((sum, h, i) => bin('+', sum, bin('*', weights[i], holeData.get(h)!)), bin('*', bin('-', num(1), weightSum), gBox));
  const distance = phi.reduce<Expr>((product, p) => bin('*', product, p), dBox);
  return { unknown, value: blended, distance };
}
