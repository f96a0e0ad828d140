import { describe, expect, it } from 'vitest';
import { flowScalars, flowScalarValues, velocityGlyphs, verticalProfile } from '../../../renderer/src/flow/flowFields';
import type { FieldSnapshot } from '../../../workers/protocol/service';

/** A 3×3 grid on [0, 2] × [0, 1]: u = y, v = −x, p = x + y; the centre node is in a hole. */
function snapshot(): FieldSnapshot {
  const u = new Float32Array(9);
  const v = new Float32Array(9);
  const p = new Float32Array(9);
  for (let j = 0; j < 3; j++) {
    for (let i = 0; i < 3; i++) {
      const [x, y] = [i, j / 2];
      u[j * 3 + i] = y;
      v[j * 3 + i] = -x;
      p[j * 3 + i] = x + y;
    }
  }
  return {
    iteration: 1,
    unknown: 'u',
    axes: [{ name: 'x', min: 0, max: 2, n: 3 }, { name: 'y', min: 0, max: 1, n: 3 }],
    fixed: {},
    prediction: u,
    fields: { u, v, p },
    inDomain: Uint8Array.of(1, 1, 1, 1, 0, 1, 1, 1, 1),
  };
}

describe('flow panel data', () => {
  it('offers speed and pressure, with NaN inside the hole', () => {
    const s = snapshot();
    expect(flowScalars(s)).toEqual(['speed', 'p']);
    const speed = flowScalarValues(s, 'speed');
    expect(speed[8]).toBeCloseTo(Math.hypot(1, 2), 6);
    expect(Number.isNaN(speed[4])).toBe(true);
    expect(flowScalars({ ...s, fields: undefined })).toEqual([]);
  });

  it('scales arrows so the longest spans one cell, in axis fractions', () => {
    const glyphs = velocityGlyphs(snapshot(), 3);
    expect(glyphs).toHaveLength(8); // the centre glyph sits in the hole
    const longest = Math.max(...glyphs.map((g) => Math.hypot(g.dx, g.dy)));
    expect(longest).toBeCloseTo(1 / 3, 6);
    const corner = glyphs.find((g) => g.fx < 0.2 && g.fy > 0.8)!; // node (x, y) = (0, 1): u = 1, v = 0
    expect(corner.dy).toBeCloseTo(0, 6);
    expect(corner.dx).toBeGreaterThan(0);
  });

  it('reads u along a vertical line', () => {
    expect(verticalProfile(snapshot(), 1)).toEqual([{ y: 0, u: 0 }, { y: 0.5, u: 0.5 }, { y: 1, u: 1 }]);
  });
});
