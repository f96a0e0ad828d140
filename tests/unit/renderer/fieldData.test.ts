import { describe, expect, it } from 'vitest';
import { COLOR_MAPS, linearLut, readColorMaps, sampleColorMap } from '../../../renderer/src/field/colorMaps';
import { availableViews, fieldValues, sampleGrid } from '../../../renderer/src/field/fieldValues';
import type { FieldSnapshot } from '../../../workers/protocol/service';

const snapshot: FieldSnapshot = {
  iteration: 100,
  unknown: 'u',
  axes: [
    { name: 'x', min: 0, max: 1, n: 2 },
    { name: 'y', min: 0, max: 1, n: 2 },
  ],
  fixed: {},
  prediction: new Float32Array([0, 1, 2, 3]),
  exact: new Float32Array([0, 1.5, 2, 2]),
};

describe('fieldValues', () => {
  it('gives prediction and exact one shared range', () => {
    const p = fieldValues(snapshot, 'prediction');
    const e = fieldValues(snapshot, 'exact');
    expect([p.min, p.max]).toEqual([0, 3]);
    expect([e.min, e.max]).toEqual([0, 3]);
    expect(e.label).toBe('u exact');
  });

  it('shows the error as prediction − exact on a range symmetric about zero', () => {
    const error = fieldValues(snapshot, 'error');
    expect(Array.from(error.values)).toEqual([0, -0.5, 0, 1]);
    expect([error.min, error.max]).toEqual([-1, 1]);
  });

  it('offers only the prediction when there is no exact solution', () => {
    const bare = { ...snapshot, exact: undefined };
    expect(availableViews(bare)).toEqual(['prediction']);
    expect(fieldValues(bare, 'error').view).toBe('prediction');
  });

  it('interpolates bilinearly between grid points', () => {
    expect(sampleGrid(snapshot.prediction, 2, 2, 0.5, 0.5)).toBeCloseTo(1.5);
    expect(sampleGrid(snapshot.prediction, 2, 2, 1, 0)).toBe(1);
  });
});

describe('colour maps', () => {
  it('reads assets/colormaps.json with a sequential viridis and a diverging map', () => {
    expect(COLOR_MAPS.find((m) => m.name === 'viridis')?.kind).toBe('sequential');
    expect(COLOR_MAPS.some((m) => m.kind === 'diverging')).toBe(true);
  });

  it('accepts bare control-point lists, skips malformed entries and falls back to viridis', () => {
    const maps = readColorMaps({ gray: [[0, 0, 0], [1, 1, 1]], broken: [[2, 0, 0]], RdBu: [[0, 0, 1], [1, 1, 1], [1, 0, 0]] });
    expect(maps.map((m) => m.name)).toEqual(['viridis', 'gray', 'RdBu']);
    expect(maps.find((m) => m.name === 'RdBu')?.kind).toBe('diverging');
    expect(readColorMaps(undefined).map((m) => m.name)).toEqual(['viridis', 'coolwarm']);
  });

  it('interpolates between control points and clamps', () => {
    const gray = { name: 'gray', kind: 'sequential' as const, colors: [[0, 0, 0], [1, 1, 1]] as const };
    expect(sampleColorMap(gray, 0.25)).toEqual([0.25, 0.25, 0.25]);
    expect(sampleColorMap(gray, 7)).toEqual([1, 1, 1]);
    const lut = linearLut(gray, 3);
    expect(lut[3]).toBeCloseTo(0.214, 3); // sRGB 0.5 in linear light
  });
});
