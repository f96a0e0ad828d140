import { describe, expect, it } from 'vitest';
import {
  colormapNames,
  colormapRgb,
  getColormap,
  normalizeInRange,
  symmetricRange,
  valueRange,
  viewColouring,
} from '../../../workers/export/colormap';

const close = (actual: readonly number[], expected: readonly number[], digits = 6) =>
  expected.forEach((v, k) => expect(actual[k]).toBeCloseTo(v, digits));

describe('colormap', () => {
  it('offers viridis, plasma, coolwarm and turbo', () => {
    expect(colormapNames()).toEqual(expect.arrayContaining(['viridis', 'plasma', 'coolwarm', 'turbo']));
  });

  it('reproduces the published end colours of viridis, plasma and turbo', () => {
    close(colormapRgb('viridis', 0), [0.267004, 0.004874, 0.329415]);
    close(colormapRgb('viridis', 1), [0.993248, 0.906157, 0.143936]);
    close(colormapRgb('plasma', 0), [0.050383, 0.029803, 0.527975]);
    close(colormapRgb('plasma', 1), [0.940015, 0.975158, 0.131326]);
    close(colormapRgb('turbo', 0), [0.18995, 0.07176, 0.23217]);
    close(colormapRgb('turbo', 1), [0.4796, 0.01583, 0.01055]);
  });

  it('interpolates linearly between control points', () => {
    // t = 0.5 falls halfway between entries 127 and 128 of the 256-entry table.
    close(colormapRgb('viridis', 0.5), [(0.128729 + 0.127568) / 2, (0.563265 + 0.566949) / 2, (0.551229 + 0.550556) / 2]);
  });

  it('clamps t to [0, 1]', () => {
    expect(colormapRgb('plasma', -3)).toEqual(colormapRgb('plasma', 0));
    expect(colormapRgb('plasma', 7)).toEqual(colormapRgb('plasma', 1));
  });

  it('has coolwarm diverge through a neutral grey at its centre', () => {
    const [r, g, b] = colormapRgb('coolwarm', 0.5);
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThan(1e-3);
    expect(getColormap('coolwarm').kind).toBe('diverging');
    const [lowR, , lowB] = colormapRgb('coolwarm', 0);
    const [highR, , highB] = colormapRgb('coolwarm', 1);
    expect(lowB).toBeGreaterThan(lowR);
    expect(highR).toBeGreaterThan(highB);
  });

  it('keeps every control point inside [0, 1] with 32 to 256 points for the scientific maps', () => {
    for (const name of ['viridis', 'plasma', 'inferno', 'magma', 'cividis', 'turbo', 'coolwarm']) {
      const { colors } = getColormap(name);
      expect(colors.length).toBeGreaterThanOrEqual(32);
      expect(colors.length).toBeLessThanOrEqual(256);
      expect(colors.flat().every((c) => c >= 0 && c <= 1)).toBe(true);
    }
  });

  it('throws on an unknown name, listing the known ones', () => {
    expect(() => colormapRgb('jet', 0.5)).toThrow(/unknown colour map 'jet'; known: viridis, .*coolwarm/);
  });

  it('finds the range of the finite values, ignoring NaN and infinities', () => {
    expect(valueRange([3, NaN, -2, Infinity, 5, -Infinity])).toEqual({ min: -2, max: 5 });
    expect(valueRange(new Float32Array([NaN, NaN]))).toEqual({ min: 0, max: 0 });
  });

  it('makes a symmetric range from the largest magnitude', () => {
    expect(symmetricRange([-0.5, 0.2, NaN])).toEqual({ min: -0.5, max: 0.5 });
    expect(symmetricRange([0.1, 0.3])).toEqual({ min: -0.3, max: 0.3 });
  });

  it('places values in a range, the middle for an empty range', () => {
    expect(normalizeInRange(1.5, { min: 1, max: 3 })).toBe(0.25);
    expect(normalizeInRange(4, { min: 4, max: 4 })).toBe(0.5);
  });

  it('colours error views with coolwarm over a range symmetric about zero', () => {
    const { map, range } = viewColouring('error', [-0.1, 0.4]);
    expect(map.name).toBe('coolwarm');
    expect(range).toEqual({ min: -0.4, max: 0.4 });
    expect(viewColouring('prediction', [-0.1, 0.4]).map.name).toBe('viridis');
  });
});
