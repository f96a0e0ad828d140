/**
 * The PINN loss on fixed collocation points: mean squared PDE residual per equation plus mean
 * squared boundary mismatch per boundary piece. Source terms and boundary data are evaluated
 * once per point set (they do not change during training); each step costs one Taylor-mode pass
 * per point set and the residual arithmetic.
 */
import * as tf from '@tensorflow/tfjs-core';
import { bindExpression, type FieldValues } from '../expr/compile';
import { fieldRefs } from '../expr/scope';
import { jetKey, taylorForward, type DerivativeRequest, type InputMap, type Jet, type MlpShape } from '../engine/taylorMlp';
import { tensorAlgebra } from '../engine/tensorAlgebra';
import { HardJetTransform } from './hardConstraint';
import type { Collocation } from './collocation';
import type { ProblemModel } from './problemModel';

export interface LossWeights {
  pde: number;
  boundary: number;
}

interface PointSet {
  x: tf.Tensor2D;
  coordinates: tf.Tensor[];
  request: DerivativeRequest;
  /** Turns the network's jet into the jet of the constrained output u = g + D·N. */
  hard?: HardJetTransform;
}

interface Term {
  name: string;
  weight: number;
  /** The point sets whose jets the residual reads, in order. */
  points: PointSet[];
  residual: (jets: Jet[]) => tf.Tensor;
}

/** Paired points on the two faces of a periodic axis: upper[i] is lower[i] moved across the box. */
export interface PeriodicPairs {
  dim: number;
  lower: Float64Array;
  upper: Float64Array;
}

export interface LossValue {
  total: tf.Scalar;
  /** Unweighted mean squares, in the order of `termNames`. */
  terms: tf.Tensor1D;
}

function toPointSet(points: Float64Array, dims: number, request: DerivativeRequest): PointSet {
  const n = points.length / dims;
  const x = tf.tensor2d(Float32Array.from(points), [n, dims]);
  const coordinates = tf.split(x, dims, 1);
  return { x, coordinates, request };
}

/** Field values for the expression compiler: column `q` of each jet entry, by field key. */
function fieldsFromJet(jet: Jet, model: ProblemModel, keys: { key: string; unknown: string; dims: number[] }[]): FieldValues<tf.Tensor> {
  const fields: Record<string, tf.Tensor> = {};
  for (const ref of keys) {
    const q = model.unknowns.indexOf(ref.unknown);
    const entry = jet.get(jetKey(ref.dims))!;
    fields[ref.key] = model.unknowns.length === 1 ? entry : tf.slice(entry, [0, q], [-1, 1]);
  }
  return fields;
}

export class PinnLoss {
  readonly termNames: string[];
  private readonly terms: Term[];
  private readonly owned: tf.Tensor[] = [];
  private readonly transforms: HardJetTransform[] = [];

  constructor(
    private readonly model: ProblemModel,
    private readonly shape: MlpShape,
    private readonly map: InputMap,
    { interior, boundary, normals, periodic }: Collocation,
    weights: LossWeights,
  ) {
    const dims = model.coordinates.length;
    const terms: Term[] = [];

    terms.push(...this.interiorTerms(interior, weights.pde, this.owned));

    model.boundary.forEach((piece, p) => {
      if (piece.hard) return; // holds exactly by construction
      const normalDims = piece.type === 'neumann' ? [...new Set(piece.faces.map((f) => f.dim))] : [];
      const set = this.own(toPointSet(boundary[p], dims, { first: normalDims, second: [] }));
      const target = tf.keep(tf.tidy(() => {
        const bound = bindExpression(piece.value, model.plainScope, tensorAlgebra, set.coordinates);
        const value = bound.evaluate({});
        return tf.add(tf.zeros([set.x.shape[0], 1]), value);
      }));
      this.owned.push(target);
      const q = model.unknowns.indexOf(piece.unknown);
      const column = (t: tf.Tensor2D) => (model.unknowns.length === 1 ? t : tf.slice(t, [0, q], [-1, 1]));
      let residual: (jets: Jet[]) => tf.Tensor;
      if (piece.type === 'dirichlet') {
        residual = ([jet]) => tf.sub(column(jet.get('')!), target);
      } else {
        // ∂u/∂n on spatial faces (outward normal); along +t on a time face.
        const normal = normals[p].map((v, i) => {
          const dim = i % dims;
          return dim === dims - 1 && model.domain.time ? Math.abs(v) : v;
        });
        const normalTensor = this.keep(tf.tensor2d(Float32Array.from(normal), [set.x.shape[0], dims]));
        const normalColumns = tf.split(normalTensor, dims, 1).map((t) => this.keep(t));
        residual = ([jet]) => {
          let flux: tf.Tensor = tf.zeros([set.x.shape[0], 1]);
          for (const dim of normalDims) flux = tf.add(flux, tf.mul(normalColumns[dim], column(jet.get(jetKey([dim]))!)));
          return tf.sub(flux, target);
        };
      }
      terms.push({ name: piece.label, weight: weights.boundary * piece.weight, points: [set], residual });
    });

    // Periodic axes: every unknown and its derivative across the axis agree on the two faces.
    for (const pair of periodic) {
      const request = { first: [pair.dim], second: [] };
      const lower = this.own(toPointSet(pair.lower, dims, request));
      const upper = this.own(toPointSet(pair.upper, dims, request));
      const key = jetKey([pair.dim]);
      terms.push({
        name: `periodic:${model.coordinates[pair.dim]}`,
        weight: weights.boundary,
        points: [lower, upper],
        residual: ([low, high]) =>
          tf.concat([tf.sub(high.get('')!, low.get('')!), tf.sub(high.get(key)!, low.get(key)!)], 1),
      });
    }

    this.terms = terms;
    this.termNames = terms.map((t) => t.name);
  }

  /** The PDE residual terms on one interior point set: one Taylor pass serves every equation. */
  private interiorTerms(points: Float64Array, weight: number, owner: tf.Tensor[]): Term[] {
    const model = this.model;
    const refsPerEquation = model.residuals.map((r) => fieldRefs(r, model.fieldScope));
    const allRefs = refsPerEquation.flat();
    const set = this.own(
      toPointSet(points, model.coordinates.length, {
        first: allRefs.filter((r) => r.dims.length === 1).map((r) => r.dims[0]),
        second: allRefs.filter((r) => r.dims.length === 2).map((r) => [r.dims[0], r.dims[1]] as const),
      }),
      owner,
    );
    return model.residuals.map((residual, i) => {
      const bound = bindExpression(residual, model.fieldScope, tensorAlgebra, set.coordinates, (make) => tf.keep(tf.tidy(make)));
      owner.push(...bound.statics);
      const refs = refsPerEquation[i];
      return {
        name: model.residuals.length === 1 ? 'pde' : `pde:${i + 1}`,
        weight,
        points: [set],
        residual: ([jet]: Jet[]) => bound.evaluate(fieldsFromJet(jet, model, refs)),
      };
    });
  }

  /** Σ over equations of the squared residual at each point (for residual-based refinement). */
  pointwiseResidual(params: readonly tf.Tensor[], points: Float64Array): Float32Array {
    const owner: tf.Tensor[] = [];
    const transformsBefore = this.transforms.length;
    try {
      const terms = this.interiorTerms(points, 1, owner);
      return tf.tidy(() => {
        const jet = this.jetOf(params, terms[0].points[0], new Map());
        return tf.addN(terms.map((term) => tf.reshape(tf.square(term.residual([jet])), [-1]))).dataSync() as Float32Array;
      });
    } finally {
      tf.dispose(owner);
      for (const transform of this.transforms.splice(transformsBefore)) transform.dispose();
    }
  }

  private jetOf(params: readonly tf.Tensor[], set: PointSet, cache: Map<PointSet, Jet>): Jet {
    let jet = cache.get(set);
    if (!jet) {
      jet = taylorForward(params, this.shape, this.map, set.x, set.request);
      if (set.hard) jet = set.hard.apply(jet);
      cache.set(set, jet);
    }
    return jet;
  }

  private keep<T extends tf.Tensor>(t: T): T {
    this.owned.push(t);
    return t;
  }

  private own(set: PointSet, owner: tf.Tensor[] = this.owned): PointSet {
    owner.push(set.x, ...set.coordinates);
    if (this.model.hard.length > 0) {
      set.hard = new HardJetTransform(this.model.hard, this.model.unknowns, this.model.plainScope, set.coordinates, set.request);
      this.transforms.push(set.hard);
    }
    return set;
  }

  /** Total weighted loss and the unweighted terms; call inside tf.tidy / variableGrads. */
  evaluate(params: readonly tf.Tensor[]): LossValue {
    const jets = new Map<PointSet, Jet>();
    const squares = this.terms.map((term) => tf.mean(tf.square(term.residual(term.points.map((set) => this.jetOf(params, set, jets))))) as tf.Scalar);
    const total = squares.reduce<tf.Scalar>((sum, sq, i) => tf.add(sum, tf.mul(sq, this.terms[i].weight)), tf.scalar(0));
    return { total, terms: tf.stack(squares) as tf.Tensor1D };
  }

  dispose(): void {
    tf.dispose(this.owned);
    for (const transform of this.transforms) transform.dispose();
  }
}
