/**
 * The PINN loss of pinnLoss.ts on a jet engine (workers/engine/wasmJet in float32 or float64, or
 * the JavaScript float64 engine where WebAssembly SIMD is missing): the same terms (mean squared
 * residual per equation, per boundary piece, per periodic axis). The residual expressions run in
 * float64 over the jet (O(n) per step) on a tape, whose reverse pass gives ∂loss/∂(jet entries);
 * one engine backward per point set then gives ∂loss/∂θ. Hard Dirichlet constraints transform
 * the jet (pinnLossHard.ts).
 */
import { bindExpression, type FieldValues } from '../expr/compile';
import { fieldRefs } from '../expr/scope';
import type { DerivativeRequest, InputMap, MlpShape } from '../engine/taylorMlp';
import { JetNetworkWasm } from '../engine/wasmJet/jetNetwork';
import { jetKernelsAvailable, type JetPrecision } from '../engine/wasmJet/kernels';
import { JsJetEngine64, type JetEngine, type JetPointSet } from '../float64/jetEngine64';
import { jetKey, type Jet64 } from '../float64/jetMlp64';
import { Tape, type TapeNode } from '../float64/tapeAlgebra';
import type { Collocation } from './collocation';
import { applyHardToValues } from './hardConstraint';
import type { LossWeights } from './pinnLoss';
import { HardJet64 } from './pinnLossHard';
import type { ProblemModel } from './problemModel';

/** The engine a jet PINN trains on: the WebAssembly one where it loads, else JavaScript float64. */
export function createJetEngine(shape: MlpShape, map: InputMap, precision: JetPrecision): JetEngine {
  if (jetKernelsAvailable()) return new JetNetworkWasm(shape, map, precision);
  if (precision === 'float64') return new JsJetEngine64(shape, map);
  throw new Error('precision float32 on the jet engine needs WebAssembly SIMD, which this JavaScript engine lacks');
}

/** A name for the engine, for the run manifest's `backend`. */
export function jetEngineName(engine: JetEngine): string {
  return engine instanceof JetNetworkWasm ? `jet-wasm-${engine.precision === 'float32' ? 'f32' : 'f64'}` : 'jet-js-f64';
}

interface PointSet64 {
  x: Float64Array;
  n: number;
  set: JetPointSet;
  hard?: HardJet64;
  /** The jet the terms read (u = g + D·N where constrained) after the last forward. */
  jet: Jet64;
  /** ∂loss/∂jet, accumulated by the terms; zeroed every evaluation. */
  adjoint: Jet64;
  /** ∂loss/∂(network jet), where a hard constraint sits between. */
  netAdjoint?: Jet64;
}

/** Adds `values` (n) into column q of the n×Q adjoint entry `key`. */
function addToColumn(adjoint: Jet64, key: string, q: number, outputs: number, values: ArrayLike<number>, scale: number): void {
  const entry = adjoint.get(key)!;
  for (let i = 0; i < values.length; i++) entry[i * outputs + q] += scale * values[i];
}

function column(entry: Float64Array, q: number, outputs: number): Float64Array {
  if (outputs === 1) return entry;
  const out = new Float64Array(entry.length / outputs);
  for (let i = 0; i < out.length; i++) out[i] = entry[i * outputs + q];
  return out;
}

const zeroJet = (keys: readonly string[], length: number): Jet64 => new Map(keys.map((key) => [key, new Float64Array(length)]));

interface Term64 {
  name: string;
  weight: number;
  sets: PointSet64[];
  /** Returns the mean square (for the loss), after adding ∂(weight·mean r²)/∂jet into the adjoints when `gradient`. */
  apply(sets: PointSet64[], gradient: boolean): number;
}

type FieldRef = ReturnType<typeof fieldRefs>[number];

interface BoundExpression<T> {
  evaluate(fields: FieldValues<T>): T;
}

interface Equation {
  bound: BoundExpression<TapeNode>;
  refs: FieldRef[];
}

const sumOfSquares = (r: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i] * r[i];
  return s;
};
const mse = (r: ArrayLike<number>) => sumOfSquares(r) / r.length;

export class PinnLoss64 {
  readonly termNames: string[];
  readonly engine: JetEngine;
  private readonly terms: Term64[] = [];
  private readonly sets: PointSet64[] = [];
  private readonly tape = new Tape();
  private readonly refsPerEquation: FieldRef[][];

  constructor(
    private readonly model: ProblemModel,
    private readonly shape: MlpShape,
    private readonly map: InputMap,
    { interior, boundary, normals, periodic }: Collocation,
    weights: LossWeights,
    precision: JetPrecision = 'float64',
    /**
     * What the PDE terms' means divide by: the interior set's size, or, for one shard of a
     * data-parallel loss (workers/parallel), the whole run's interior count, so that the shards'
     * losses and gradients add up to the whole loss and gradient.
     */
    interiorCount = interior.length / model.coordinates.length,
  ) {
    this.engine = createJetEngine(shape, map, precision);
    const d = model.coordinates.length;
    const Q = model.unknowns.length;
    this.refsPerEquation = model.residuals.map((r) => fieldRefs(r, model.fieldScope));

    const { set: interiorSet, equations } = this.interior(interior);
    equations.forEach(({ bound, refs }, e) => {
      const weight = weights.pde;
      this.terms.push({
        name: model.residuals.length === 1 ? 'pde' : `pde:${e + 1}`,
        weight,
        sets: [interiorSet],
        apply: ([ev], gradient) => {
          const r = this.residual(ev, bound, refs);
          if (!gradient) return sumOfSquares(r.values) / interiorCount;
          this.tape.backward(r.node, r.values.map((v) => (2 * weight * v) / interiorCount));
          for (const [ref, node] of r.inputs) addToColumn(ev.adjoint, jetKey(ref.dims), model.unknowns.indexOf(ref.unknown), Q, node.grad!, 1);
          return sumOfSquares(r.values) / interiorCount;
        },
      });
    });

    model.boundary.forEach((piece, p) => {
      // Hard pieces hold exactly by construction; a shard without boundary points has none here.
      if (piece.hard || !boundary[p]?.length) return;
      const q = model.unknowns.indexOf(piece.unknown);
      const normalDims = piece.type === 'neumann' ? [...new Set(piece.faces.map((f) => f.dim))] : [];
      const set = this.pointSet(boundary[p], { first: normalDims, second: [] });
      const target = bindExpression(piece.value, model.plainScope, this.tape.algebra, this.coordinatesOf(set)).evaluate({}).value;
      const targetAt = (i: number) => (typeof target === 'number' ? target : target[i]);
      const weight = weights.boundary * piece.weight;
      // ∂u/∂n on spatial faces (outward normal); along +t on a time face.
      const normal = normals[p].map((v, i) => (i % d === d - 1 && model.domain.time ? Math.abs(v) : v));
      const r = new Float64Array(set.n);
      this.terms.push({
        name: piece.label,
        weight,
        sets: [set],
        apply: ([ev], gradient) => {
          if (piece.type === 'dirichlet') {
            const u = column(ev.jet.get('')!, q, Q);
            for (let i = 0; i < set.n; i++) r[i] = u[i] - targetAt(i);
            if (gradient) addToColumn(ev.adjoint, '', q, Q, r, (2 * weight) / set.n);
          } else {
            const slopes = normalDims.map((dim) => column(ev.jet.get(jetKey([dim]))!, q, Q));
            for (let i = 0; i < set.n; i++) {
              let flux = 0;
              normalDims.forEach((dim, k) => (flux += normal[i * d + dim] * slopes[k][i]));
              r[i] = flux - targetAt(i);
            }
            if (gradient) normalDims.forEach((dim) => {
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
      const lower = this.pointSet(pair.lower, request);
      const upper = this.pointSet(pair.upper, request);
      const key = jetKey([pair.dim]);
      const weight = weights.boundary;
      this.terms.push({
        name: `periodic:${model.coordinates[pair.dim]}`,
        weight,
        sets: [lower, upper],
        apply: ([low, high], gradient) => {
          let sum = 0;
          const count = 2 * lower.n * Q;
          for (const k of ['', key]) {
            const a = low.jet.get(k)!;
            const b = high.jet.get(k)!;
            const lowBar = low.adjoint.get(k)!;
            const highBar = high.adjoint.get(k)!;
            for (let i = 0; i < a.length; i++) {
              const diff = b[i] - a[i];
              sum += diff * diff;
              if (!gradient) continue;
              highBar[i] += ((2 * weight) / count) * diff;
              lowBar[i] -= ((2 * weight) / count) * diff;
            }
          }
          return sum / count;
        },
      });
    }
    this.termNames = this.terms.map((t) => t.name);
  }

  private coordinatesOf(set: { x: Float64Array; n: number }): TapeNode[] {
    const d = this.model.coordinates.length;
    return this.model.coordinates.map((_, k) => ({ value: Float64Array.from({ length: set.n }, (_, i) => set.x[i * d + k]) }));
  }

  private pointSet(x: Float64Array, request: DerivativeRequest): PointSet64 {
    const set = this.engine.createPointSet(x, request);
    const Q = this.model.unknowns.length;
    const length = set.n * Q;
    const hard = this.model.hard.length > 0 ? new HardJet64(this.model.hard, this.model.unknowns, this.model.plainScope, x, set.plan, Q) : undefined;
    const created: PointSet64 = { x, n: set.n, set, hard, jet: zeroJet(set.plan.keys, length), adjoint: zeroJet(set.plan.keys, length) };
    if (hard) created.netAdjoint = zeroJet(set.plan.keys, length);
    this.sets.push(created);
    return created;
  }

  /** The interior point set and each equation's residual bound to its coordinates. */
  private interior(points: Float64Array): { set: PointSet64; equations: Equation[] } {
    const allRefs = this.refsPerEquation.flat();
    const set = this.pointSet(points, {
      first: allRefs.filter((r) => r.dims.length === 1).map((r) => r.dims[0]),
      second: allRefs.filter((r) => r.dims.length === 2).map((r) => [r.dims[0], r.dims[1]] as const),
    });
    const coordinates = this.coordinatesOf(set);
    const equations = this.model.residuals.map((residual, e) => ({
      bound: bindExpression(residual, this.model.fieldScope, this.tape.algebra, coordinates),
      refs: this.refsPerEquation[e],
    }));
    return { set, equations };
  }

  /** One equation's residual at a set's points, on a fresh tape. */
  private residual(ev: PointSet64, bound: BoundExpression<TapeNode>, refs: FieldRef[]): { node: TapeNode; values: Float64Array; inputs: Map<FieldRef, TapeNode> } {
    const Q = this.model.unknowns.length;
    this.tape.reset();
    const inputs = new Map(refs.map((ref) => [ref, this.tape.input(column(ev.jet.get(jetKey(ref.dims))!, this.model.unknowns.indexOf(ref.unknown), Q))]));
    const node = bound.evaluate(Object.fromEntries([...inputs].map(([ref, input]) => [ref.key, input])));
    const values = typeof node.value === 'number' ? new Float64Array(ev.n).fill(node.value) : node.value;
    return { node, values, inputs };
  }

  private forward(ev: PointSet64): void {
    const net = this.engine.forward(ev.set);
    if (ev.hard) ev.hard.apply(net, ev.jet);
    else ev.jet = net;
  }

  /** Loss, its unweighted terms, and ∂loss/∂θ. */
  evaluate(theta: Float64Array): { loss: number; terms: number[]; grad: Float64Array } {
    this.engine.setTheta(theta);
    for (const ev of this.sets) {
      this.forward(ev);
      for (const values of ev.adjoint.values()) values.fill(0);
    }
    const terms = this.terms.map((term) => term.apply(term.sets, true));
    const loss = terms.reduce((sum, value, i) => sum + this.terms[i].weight * value, 0);
    this.engine.zeroGradient();
    for (const ev of this.sets) {
      if (ev.hard) ev.hard.adjoint(ev.adjoint, ev.netAdjoint!);
      this.engine.backward(ev.set, ev.netAdjoint ?? ev.adjoint);
    }
    return { loss, terms, grad: this.engine.gradient() };
  }

  /**
   * The loss alone: the forward passes and the residuals, without the tape's reverse pass and the
   * engine's backward (about two thirds of an evaluate), for landscapes and roughness profiles.
   */
  lossOnly(theta: Float64Array): number {
    this.engine.setTheta(theta);
    for (const ev of this.sets) this.forward(ev);
    return this.terms.reduce((sum, term) => sum + term.weight * term.apply(term.sets, false), 0);
  }

  /** Σ over equations of the squared residual at each candidate point (residual-based refinement). */
  pointwiseResidual(theta: Float64Array, candidates: Float64Array): Float64Array {
    const mark = this.engine.mark();
    const setsBefore = this.sets.length;
    try {
      this.engine.setTheta(theta);
      const { set, equations } = this.interior(candidates);
      this.forward(set);
      const total = new Float64Array(set.n);
      for (const { bound, refs } of equations) {
        const { values } = this.residual(set, bound, refs);
        for (let i = 0; i < total.length; i++) total[i] += values[i] * values[i];
      }
      return total;
    } finally {
      this.sets.length = setsBefore;
      this.engine.release(mark);
    }
  }

  /** Every unknown at the points (hard constraints applied). */
  predict(theta: Float64Array, points: Float64Array): Float32Array[] {
    const d = this.shape.inputs;
    const n = points.length / d;
    const Q = this.model.unknowns.length;
    const out = this.model.unknowns.map(() => new Float32Array(n));
    const block = 8192;
    this.engine.setTheta(theta);
    for (let start = 0; start < n; start += block) {
      const count = Math.min(block, n - start);
      const mark = this.engine.mark();
      const set = this.engine.createPointSet(points.subarray(start * d, (start + count) * d), { first: [], second: [] });
      const value = this.engine.forward(set).get('')!;
      for (let i = 0; i < count; i++) for (let q = 0; q < Q; q++) out[q][start + i] = value[i * Q + q];
      this.engine.release(mark);
    }
    applyHardToValues(this.model.hard, this.model.unknowns, this.model.plainScope, points, out);
    return out;
  }

  /** The input map the network was built with. */
  get inputMap(): InputMap {
    return this.map;
  }
}
