import { describe, expect, it } from 'vitest';
import { gaussHermite } from '../../../workers/reference/gaussHermite';

const integrate = (n: number, f: (z: number) => number) => {
  const { nodes, logWeights } = gaussHermite(n);
  return nodes.reduce((sum, z, i) => sum + Math.exp(logWeights[i]) * f(z), 0);
};

describe('Gauss–Hermite quadrature', () => {
  it('is exact for polynomials up to degree 2n − 1', () => {
    // ∫ z^{2k} e^{−z²} dz = Γ(k + 1/2)
    const gammaHalf = [Math.sqrt(Math.PI), Math.sqrt(Math.PI) / 2, (3 * Math.sqrt(Math.PI)) / 4, (15 * Math.sqrt(Math.PI)) / 8, (105 * Math.sqrt(Math.PI)) / 16];
    gammaHalf.forEach((exact, k) => expect(integrate(5, (z) => z ** (2 * k)) / exact - 1).toBeCloseTo(0, 13));
    expect(Math.abs(integrate(5, (z) => z ** 9))).toBeLessThan(1e-12);
  });

  it('integrates cos(3z) e^{−z²} = √π e^{−9/4} to round-off, also for n = 600 (weights underflow there)', () => {
    for (const n of [40, 600]) expect(Math.abs(integrate(n, (z) => Math.cos(3 * z)) - Math.sqrt(Math.PI) * Math.exp(-9 / 4))).toBeLessThan(1e-14);
  });

  it('has symmetric nodes, sorted, and the known largest node for n = 2', () => {
    const { nodes } = gaussHermite(101);
    for (let i = 0; i < 101; i++) expect(nodes[i] + nodes[100 - i]).toBeCloseTo(0, 12);
    for (let i = 1; i < 101; i++) expect(nodes[i]).toBeGreaterThan(nodes[i - 1]);
    expect(gaussHermite(2).nodes[1]).toBeCloseTo(Math.SQRT1_2, 15);
  });
});
