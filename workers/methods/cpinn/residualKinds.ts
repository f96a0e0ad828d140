/**
 * The residual kinds of a problem, each one output of the discriminator: one per equation
 * (interior points), one per boundary or initial piece, and two per periodic axis (value and
 * slope mismatch). Each gives its residual values and, per point, ∂r/∂(jet entry): the adjoint
 * that seeds that point's reverse pass, so the PINN's residual Jacobian comes from one pass.
 */
import { bindExpression } from '../../expr/compile';
import { fieldRefs } from '../../expr/scope';
import type { DerivativeRequest } from '../../engine/taylorMlp';
import { jetKey, type Jet64 } from '../../float64/jetMlp64';
import { Tape, type TapeNode } from '../../float64/tapeAlgebra';
import type { Collocation } from '../../problems/collocation';
import type { LossWeights } from '../../problems/pinnLoss';
import type { ProblemModel } from '../../problems/problemModel';

export interface KindResidual {
  /** One value per row. */
  values: Float64Array;
  /** ∂r/∂jet per point of the PINN's point set (n × outputs per key). */
  partials: Map<string, Float64Array>;
}

export interface ResidualKind {
  name: string;
  weight: number;
  /** Where the PINN is evaluated. */
  points: Float64Array;
  request: DerivativeRequest;
  /** Where the discriminator is evaluated: one point per residual row. */
  discriminatorPoints: Float64Array;
  /** 'pairs': the PINN's points are [lower; upper] and row i is point i plus point n + i. */
  fold: 'points' | 'pairs';
  /**
   * The whole kind's rows where this kind holds one slice of them (a data-parallel game,
   * workers/parallel/shardedCpinnGame.ts): the means divide by it, so that the slices add up.
   */
  rowCount?: number;
  residual(jet: Jet64): KindResidual;
}

function columnOf(entry: Float64Array, q: number, outputs: number): Float64Array {
  return outputs === 1 ? entry : Float64Array.from({ length: entry.length / outputs }, (_, i) => entry[i * outputs + q]);
}

function addColumn(partials: Map<string, Float64Array>, key: string, q: number, outputs: number, values: ArrayLike<number>): void {
  let entry = partials.get(key);
  if (!entry) partials.set(key, (entry = new Float64Array(values.length * outputs)));
  for (let i = 0; i < values.length; i++) entry[i * outputs + q] += values[i];
}

/** `interiorCount`: all interior points, where `interior` is one slice of them. */
export function residualKinds(model: ProblemModel, { interior, boundary, normals, periodic }: Collocation, weights: LossWeights, interiorCount?: number): ResidualKind[] {
  const d = model.coordinates.length;
  const Q = model.unknowns.length;
  const tape = new Tape();
  const coordinatesOf = (x: Float64Array): TapeNode[] => model.coordinates.map((_, k) => ({ value: Float64Array.from({ length: x.length / d }, (_, i) => x[i * d + k]) }));
  const kinds: ResidualKind[] = [];

  const refsPerEquation = model.residuals.map((r) => fieldRefs(r, model.fieldScope));
  const allRefs = refsPerEquation.flat();
  const interiorRequest: DerivativeRequest = {
    first: [...new Set(allRefs.filter((r) => r.dims.length === 1).map((r) => r.dims[0]))],
    second: allRefs.filter((r) => r.dims.length === 2).map((r) => [r.dims[0], r.dims[1]] as const),
  };
  const interiorCoordinates = coordinatesOf(interior);
  const n = interior.length / d;
  model.residuals.forEach((expression, e) => {
    const bound = bindExpression(expression, model.fieldScope, tape.algebra, interiorCoordinates);
    const refs = refsPerEquation[e];
    kinds.push({
      name: model.residuals.length === 1 ? 'pde' : `pde:${e + 1}`,
      weight: weights.pde,
      points: interior,
      request: interiorRequest,
      discriminatorPoints: interior,
      fold: 'points',
      rowCount: interiorCount,
      residual: (jet) => {
        tape.reset();
        const inputs = refs.map((ref) => [ref, tape.input(columnOf(jet.get(jetKey(ref.dims))!, model.unknowns.indexOf(ref.unknown), Q))] as const);
        const r = bound.evaluate(Object.fromEntries(inputs.map(([ref, node]) => [ref.key, node])));
        const values = typeof r.value === 'number' ? new Float64Array(n).fill(r.value) : Float64Array.from(r.value);
        // Every operation is pointwise, so a seed of ones gives each point's own ∂r/∂(jet entry).
        tape.backward(r, new Float64Array(n).fill(1));
        const partials = new Map<string, Float64Array>();
        for (const [ref, node] of inputs) addColumn(partials, jetKey(ref.dims), model.unknowns.indexOf(ref.unknown), Q, node.grad!);
        return { values, partials };
      },
    });
  });

  model.boundary.forEach((piece, p) => {
    if (!boundary[p]?.length) return; // a slice of the interior only (a data-parallel game)
    const q = model.unknowns.indexOf(piece.unknown);
    const x = boundary[p];
    const m = x.length / d;
    const normalDims = piece.type === 'neumann' ? [...new Set(piece.faces.map((f) => f.dim))] : [];
    const target = bindExpression(piece.value, model.plainScope, tape.algebra, coordinatesOf(x)).evaluate({}).value;
    const targetAt = (i: number) => (typeof target === 'number' ? target : target[i]);
    // ∂u/∂n on spatial faces (outward normal); along +t on a time face, as in pinnLoss64.ts.
    const normal = normals[p].map((v, i) => (i % d === d - 1 && model.domain.time ? Math.abs(v) : v));
    kinds.push({
      name: piece.label,
      weight: weights.boundary * piece.weight,
      points: x,
      request: { first: normalDims, second: [] },
      discriminatorPoints: x,
      fold: 'points',
      residual: (jet) => {
        const values = new Float64Array(m);
        const partials = new Map<string, Float64Array>();
        if (piece.type === 'dirichlet') {
          const u = columnOf(jet.get('')!, q, Q);
          for (let i = 0; i < m; i++) values[i] = u[i] - targetAt(i);
          addColumn(partials, '', q, Q, new Float64Array(m).fill(1));
        } else {
          const slopes = normalDims.map((dim) => columnOf(jet.get(jetKey([dim]))!, q, Q));
          for (let i = 0; i < m; i++) {
            let flux = -targetAt(i);
            normalDims.forEach((dim, k) => (flux += normal[i * d + dim] * slopes[k][i]));
            values[i] = flux;
          }
          normalDims.forEach((dim) => addColumn(partials, jetKey([dim]), q, Q, Float64Array.from({ length: m }, (_, i) => normal[i * d + dim])));
        }
        return { values, partials };
      },
    });
  });

  for (const pair of periodic) {
    const m = pair.lower.length / d;
    const points = new Float64Array(2 * m * d);
    points.set(pair.lower);
    points.set(pair.upper, m * d);
    const slopeKey = jetKey([pair.dim]);
    for (const key of ['', slopeKey]) {
      kinds.push({
        name: `periodic:${model.coordinates[pair.dim]}${key === '' ? '' : `:${model.coordinates[pair.dim]}`}`,
        weight: weights.boundary,
        points,
        request: { first: [pair.dim], second: [] },
        discriminatorPoints: pair.lower,
        fold: 'pairs',
        residual: (jet) => {
          // Every unknown's mismatch upper − lower, summed: one discriminator output per kind.
          const entry = jet.get(key)!;
          const values = new Float64Array(m);
          for (let i = 0; i < m; i++) for (let q = 0; q < Q; q++) values[i] += entry[(m + i) * Q + q] - entry[i * Q + q];
          const signs = Float64Array.from({ length: 2 * m * Q }, (_, i) => (i < m * Q ? -1 : 1));
          return { values, partials: new Map([[key, signs]]) };
        },
      });
    }
  }
  return kinds;
}
