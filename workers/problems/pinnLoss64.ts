/**
 * The PINN loss of pinnLoss.ts in float64: the same terms (mean squared residual per equation,
 * per boundary piece, per periodic axis), evaluated with the float64 Taylor-mode engine; the
 * gradient is one reverse pass through the residual expressions (a tape) and one jetBackward
 * per point set.
 */
import { bindExpression } from '../expr/compile';
import { fieldRefs } from '../expr/scope';
import type { DerivativeRequest, InputMap, MlpShape } from '../engine/taylorMlp';
import { jetBackward, jetForward, jetKey, type Jet64, type JetCache } from '../float64/jetMlp64';
import { Tape, type TapeNode } from '../float64/tapeAlgebra';
import type { Collocation } from './collocation';
import type { LossWeights } from './pinnLoss';
import type { ProblemModel } from './problemModel';

interface PointSet64 {
  x: Float64Array;
  n: number;
  request: DerivativeRequest;
}

interface Evaluated {
  jet: Jet64;
  cache: JetCache;
  adjoint: Map<string, Float64Array>;
}

/** Adds `values` (n) into column q of the n×Q adjoint entry `key`. */
function addToColumn(adjoint: Map<string, Float64Array>, key: string, q: number, outputs: number, values: ArrayLike<number>, scale: number): void {
  let entry = adjoint.get(key);
  if (!entry) adjoint.set(key, (entry = new Float64Array(values.length * outputs)));
  for (let i = 0; i < values.length; i++) entry[i * outputs + q] += scale * values[i];
}

function column(entry: Float64Array, q: number, outputs: number): Float64Array {
  if (outputs === 1) return entry;
  const out = new Float64Array(entry.length / outputs);
  for (let i = 0; i < out.length; i++) out[i] = entry[i * outputs + q];
  return out;
}

interface Term64 {
  name: string;
  weight: number;
  sets: PointSet64[];
  /** Returns the residuals (for the loss) after adding ∂(weight·mean r²)/∂jet into the adjoints. */
  apply(evaluated: Evaluated[]): number;
}

export class PinnLoss64 {
  readonly termNames: string[];
  private readonly terms: Term64[] = [];
  private readonly tape = new Tape();

  constructor(
    private readonly model: ProblemModel,
    private readonly shape: MlpShape,
    private readonly map: InputMap,
    { interior, boundary, normals, periodic }: Collocation,
    weights: LossWeights,
  ) {
    const d = model.coordinates.length;
    const Q = model.unknowns.length;
    const setOf = (x: Float64Array, request: DerivativeRequest): PointSet64 => ({ x, n: x.length / d, request });
    const coordinatesOf = (set: PointSet64): TapeNode[] =>
      model.coordinates.map((_, k) => ({ value: Float64Array.from({ length: set.n }, (_, i) => set.x[i * d + k]) }));
    const mse = (r: ArrayLike<number>) => {
      let s = 0;
      for (let i = 0; i < r.length; i++) s += r[i] * r[i];
      return s / r.length;
    };

    const refsPerEquation = model.residuals.map((r) => fieldRefs(r, model.fieldScope));
    const allRefs = refsPerEquation.flat();
    const interiorSet = setOf(interior, {
      first: allRefs.filter((r) => r.dims.length === 1).map((r) => r.dims[0]),
      second: allRefs.filter((r) => r.dims.length === 2).map((r) => [r.dims[0], r.dims[1]] as const),
    });
    const interiorCoordinates = coordinatesOf(interiorSet);
    model.residuals.forEach((residual, e) => {
      const bound = bindExpression(residual, model.fieldScope, this.tape.algebra, interiorCoordinates);
      const refs = refsPerEquation[e];
      const weight = weights.pde;
      this.terms.push({
        name: model.residuals.length === 1 ? 'pde' : `pde:${e + 1}`,
        weight,
        sets: [interiorSet],
        apply: ([ev]) => {
          this.tape.reset();
          const inputs = new Map(refs.map((ref) => [ref, this.tape.input(column(ev.jet.get(jetKey(ref.dims))!, model.unknowns.indexOf(ref.unknown), Q))]));
          const fields = Object.fromEntries([...inputs].map(([ref, node]) => [ref.key, node]));
          const r = bound.evaluate(fields);
          const values = typeof r.value === 'number' ? new Float64Array(interiorSet.n).fill(r.value) : r.value;
          this.tape.backward(r, values.map((v) => (2 * weight * v) / values.length));
          for (const [ref, node] of inputs) addToColumn(ev.adjoint, jetKey(ref.dims), model.unknowns.indexOf(ref.unknown), Q, node.grad!, 1);
          return mse(values);
        },
      });
    });

    model.boundary.forEach((piece, p) => {
      const q = model.unknowns.indexOf(piece.unknown);
      const normalDims = piece.type === 'neumann' ? [...new Set(piece.faces.map((f) => f.dim))] : [];
      const set = setOf(boundary[p], { first: normalDims, second: [] });
      const target = bindExpression(piece.value, model.plainScope, this.tape.algebra, coordinatesOf(set)).evaluate({}).value;
      const targetAt = (i: number) => (typeof target === 'number' ? target : target[i]);
      const weight = weights.boundary * piece.weight;
      // ∂u/∂n on spatial faces (outward normal); along +t on a time face.
      const normal = normals[p].map((v, i) => (i % d === d - 1 && model.domain.time ? Math.abs(v) : v));
      this.terms.push({
        name: piece.label,
        weight,
        sets: [set],
        apply: ([ev]) => {
          const r = new Float64Array(set.n);
          if (piece.type === 'dirichlet') {
            const u = column(ev.jet.get('')!, q, Q);
            for (let i = 0; i < set.n; i++) r[i] = u[i] - targetAt(i);
            addToColumn(ev.adjoint, '', q, Q, r, (2 * weight) / set.n);
          } else {
            const slopes = normalDims.map((dim) => column(ev.jet.get(jetKey([dim]))!, q, Q));
            for (let i = 0; i < set.n; i++) {
              let flux = 0;
              normalDims.forEach((dim, k) => (flux += normal[i * d + dim] * slopes[k][i]));
              r[i] = flux - targetAt(i);
            }
            normalDims.forEach((dim) => {
              const scaled = r.map((v, i) => v * normal[i * d + dim]);
              addToColumn(ev.adjoint, jetKey([dim]), q, Q, scaled, (2 * weight) / set.n);
            });
          }
          return mse(r);
        },
      });
    });

    for (const pair of periodic) {
      const request = { first: [pair.dim], second: [] };
      const lower = setOf(pair.lower, request);
      const upper = setOf(pair.upper, request);
      const key = jetKey([pair.dim]);
      const weight = weights.boundary;
      this.terms.push({
        name: `periodic:${model.coordinates[pair.dim]}`,
        weight,
        sets: [lower, upper],
        apply: ([low, high]) => {
          let sum = 0;
          const count = 2 * lower.n * Q;
          for (const k of ['', key]) {
            const a = low.jet.get(k)!;
            const b = high.jet.get(k)!;
            const diff = b.map((v, i) => v - a[i]);
            for (const v of diff) sum += v * v;
            for (let q = 0; q < Q; q++) {
              const col = column(diff, q, Q);
              addToColumn(high.adjoint, k, q, Q, col, (2 * weight) / count);
              addToColumn(low.adjoint, k, q, Q, col, (-2 * weight) / count);
            }
          }
          return sum / count;
        },
      });
    }
    this.termNames = this.terms.map((t) => t.name);
  }

  /** Loss, its unweighted terms, and ∂loss/∂θ. */
  evaluate(theta: Float64Array): { loss: number; terms: number[]; grad: Float64Array } {
    const evaluated = new Map<PointSet64, Evaluated>();
    const of = (set: PointSet64): Evaluated => {
      let ev = evaluated.get(set);
      if (!ev) {
        const { jet, cache } = jetForward(this.shape, this.map, theta, set.x, set.request);
        evaluated.set(set, (ev = { jet, cache, adjoint: new Map() }));
      }
      return ev;
    };
    const terms = this.terms.map((term) => term.apply(term.sets.map(of)));
    const loss = terms.reduce((sum, value, i) => sum + this.terms[i].weight * value, 0);
    const grad = new Float64Array(theta.length);
    for (const ev of evaluated.values()) {
      const g = jetBackward(ev.cache, ev.adjoint);
      for (let i = 0; i < grad.length; i++) grad[i] += g[i];
    }
    return { loss, terms, grad };
  }

  predict(theta: Float64Array, points: Float64Array): Float32Array[] {
    const value = jetForward(this.shape, this.map, theta, points).jet.get('')!;
    return this.model.unknowns.map((_, q) => Float32Array.from(column(value, q, this.model.unknowns.length)));
  }
}
