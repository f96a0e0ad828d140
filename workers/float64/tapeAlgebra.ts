/**
 * Reverse-mode differentiation of a compiled expression over Float64Array point values: the
 * expression algebra records a tape; `backward` pushes ∂L/∂(result) back to the field values
 * (the jet entries the residual reads). Values are arrays over points or plain numbers
 * (constants and static data), broadcast elementwise.
 */
import type { Algebra } from '../expr/compile';
import { NUMERIC_FUNCTIONS } from '../expr/functions';

export type Values = Float64Array | number;

export interface TapeNode {
  value: Values;
  /** Accumulated adjoint, allocated when something flows in. */
  grad?: Float64Array;
  back?: () => void;
}

const at = (v: Values, i: number): number => (typeof v === 'number' ? v : v[i]);

function lengthOf(...values: Values[]): number {
  for (const v of values) if (typeof v !== 'number') return v.length;
  return 0;
}

function map1(a: Values, f: (x: number) => number): Values {
  if (typeof a === 'number') return f(a);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = f(a[i]);
  return out;
}

function map2(a: Values, b: Values, f: (x: number, y: number) => number): Values {
  if (typeof a === 'number' && typeof b === 'number') return f(a, b);
  const n = lengthOf(a, b);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(at(a, i), at(b, i));
  return out;
}

/** Adds g·∂ (elementwise) into node.grad; constants (no back, no grad wanted) are skipped. */
function accumulate(node: TapeNode, g: Float64Array, partial: (i: number) => number, n: number): void {
  if (!node.back && !node.grad) return;
  node.grad ??= new Float64Array(n);
  for (let i = 0; i < n; i++) node.grad[i] += g[i] * partial(i);
}

const DERIVATIVES: Record<string, (x: number, y: number) => number> = {
  sin: (x) => Math.cos(x),
  cos: (x) => -Math.sin(x),
  tan: (x) => 1 / Math.cos(x) ** 2,
  exp: (_x, y) => y,
  log: (x) => 1 / x,
  sqrt: (_x, y) => 0.5 / y,
  abs: (x) => Math.sign(x),
  tanh: (_x, y) => 1 - y * y,
  sinh: (x) => Math.cosh(x),
  cosh: (x) => Math.sinh(x),
  atan: (x) => 1 / (1 + x * x),
};


export class Tape {
  private readonly nodes: TapeNode[] = [];

  /** A value the caller wants the adjoint of (a jet entry). */
  input(value: Float64Array): TapeNode {
    const node: TapeNode = { value, grad: new Float64Array(value.length) };
    return node;
  }

  private record(value: Values, inputs: TapeNode[], back: (node: TapeNode, g: Float64Array) => void): TapeNode {
    const node: TapeNode = { value };
    if (inputs.some((input) => input.back || input.grad)) {
      node.back = () => {
        if (node.grad) back(node, node.grad);
      };
      this.nodes.push(node);
    }
    return node;
  }

  /** Forgets the recorded operations (static values bound earlier stay valid). */
  reset(): void {
    this.nodes.length = 0;
  }

  /** Seeds ∂L/∂out and runs the tape backwards. */
  backward(out: TapeNode, seed: Float64Array): void {
    out.grad = Float64Array.from(seed);
    for (let k = this.nodes.length - 1; k >= 0; k--) this.nodes[k].back?.();
  }

  readonly algebra: Algebra<TapeNode> = {
    constant: (value) => ({ value }),
    neg: (a) => this.record(map1(a.value, (x) => -x), [a], (_, g) => accumulate(a, g, () => -1, g.length)),
    add: (a, b) =>
      this.record(map2(a.value, b.value, (x, y) => x + y), [a, b], (_, g) => {
        accumulate(a, g, () => 1, g.length);
        accumulate(b, g, () => 1, g.length);
      }),
    sub: (a, b) =>
      this.record(map2(a.value, b.value, (x, y) => x - y), [a, b], (_, g) => {
        accumulate(a, g, () => 1, g.length);
        accumulate(b, g, () => -1, g.length);
      }),
    mul: (a, b) =>
      this.record(map2(a.value, b.value, (x, y) => x * y), [a, b], (_, g) => {
        accumulate(a, g, (i) => at(b.value, i), g.length);
        accumulate(b, g, (i) => at(a.value, i), g.length);
      }),
    div: (a, b) =>
      this.record(map2(a.value, b.value, (x, y) => x / y), [a, b], (_, g) => {
        accumulate(a, g, (i) => 1 / at(b.value, i), g.length);
        accumulate(b, g, (i) => -at(a.value, i) / at(b.value, i) ** 2, g.length);
      }),
    pow: (a, b) => {
      const value = map2(a.value, b.value, Math.pow);
      return this.record(value, [a, b], (_, g) => {
        accumulate(a, g, (i) => at(b.value, i) * Math.pow(at(a.value, i), at(b.value, i) - 1), g.length);
        accumulate(b, g, (i) => at(value, i) * Math.log(at(a.value, i)), g.length);
      });
    },
    call: (fn, args) => {
      if (fn === 'pow') return this.algebra.pow(args[0], args[1]);
      const [a] = args;
      const value = map1(a.value, NUMERIC_FUNCTIONS[fn]);
      const derivative = DERIVATIVES[fn];
      return this.record(value, [a], (_, g) => accumulate(a, g, (i) => derivative(at(a.value, i), at(value, i)), g.length));
    },
  };
}
