import { describe, expect, it } from 'vitest';
import { Rng } from '../../../workers/engine/rng';
import { FactoredJacobian, type FactoredBlock } from '../../../workers/methods/cpinn/factoredJacobian';
import { FactoredJacobianWasm, JacobianArena } from '../../../workers/methods/cpinn/factoredJacobianWasm';

const random = (rng: Rng, length: number) => Float64Array.from({ length }, () => 2 * rng.uniform() - 1);

/** A 3-input, 7-wide, 5-wide, 1-output network's factors over two blocks, 3 channels (odd widths: the kernels' scalar tails too). */
function blocks(rng: Rng): { blocks: FactoredBlock[]; parameterCount: number } {
  const sizes = [3, 7, 5, 1];
  let offset = 0;
  const offsets = sizes.slice(1).map((out, l) => {
    const weight = offset;
    offset += sizes[l] * out;
    const bias = offset;
    offset += out;
    return { weight, bias };
  });
  const channels = 3;
  const made = [9, 4].map((n) => ({
    n,
    channels,
    layers: offsets.map(({ weight, bias }, l) => ({
      input: random(rng, channels * n * sizes[l]),
      inWidth: sizes[l],
      adjoint: random(rng, channels * n * sizes[l + 1]),
      outWidth: sizes[l + 1],
      weight,
      bias,
    })),
  }));
  return { blocks: made, parameterCount: offset };
}

const maxRelative = (a: Float64Array, b: Float64Array) => Math.max(...a.map((v, i) => Math.abs(v - b[i]))) / Math.max(...b.map(Math.abs));

describe.runIf(JacobianArena.available())('the factored Jacobian on the WebAssembly kernels', () => {
  it('gives the JavaScript products J v and Jᵀ w to rounding, and survives an arena reset and reuse', () => {
    const rng = new Rng(5);
    const arena = new JacobianArena();
    for (let round = 0; round < 2; round++) {
      arena.reset();
      const { blocks: factors, parameterCount } = blocks(rng);
      const reference = new FactoredJacobian(factors, parameterCount);
      const resident = new FactoredJacobianWasm(arena, factors, parameterCount);
      expect(resident.rows).toBe(13);
      const v = random(rng, parameterCount);
      const w = random(rng, resident.rows);
      expect(maxRelative(resident.apply(v), reference.apply(v))).toBeLessThan(1e-14);
      expect(maxRelative(resident.applyTransposed(w), reference.applyTransposed(w))).toBeLessThan(1e-14);
      // Calls do not disturb each other (shared scratch): the same product twice gives the same numbers.
      expect(Array.from(resident.apply(v))).toEqual(Array.from(resident.apply(v)));
      expect(() => resident.apply(new Float64Array(3))).toThrow(`v: length 3, the network has ${parameterCount} parameters`);
    }
  });
});
