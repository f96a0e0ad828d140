import { describe, expect, it } from 'vitest';
import { availableViews, axisCoordinates, fieldValues, gridSize } from '../../../workers/export/fieldGrid';
import { analyticSnapshot } from './fixtures';

describe('fieldGrid', () => {
  it('spaces axis coordinates evenly from min to max inclusive', () => {
    expect([...axisCoordinates({ name: 'x', min: -1, max: 1, n: 5 })]).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect([...axisCoordinates({ name: 't', min: 2, max: 2, n: 1 })]).toEqual([2]);
  });

  it('gives error = prediction − exact at every node', () => {
    const snapshot = analyticSnapshot(6, 5);
    const error = fieldValues(snapshot, 'error');
    error.forEach((e, k) => expect(e).toBeCloseTo(snapshot.prediction[k] - (snapshot.exact as Float32Array)[k], 7));
  });

  it('returns the prediction and exact arrays for their views', () => {
    const snapshot = analyticSnapshot();
    expect(fieldValues(snapshot, 'prediction')).toBe(snapshot.prediction);
    expect(fieldValues(snapshot, 'exact')).toBe(snapshot.exact);
  });

  it('refuses the exact and error views when the snapshot has no exact solution', () => {
    const snapshot = analyticSnapshot(5, 4, { withExact: false });
    expect(() => fieldValues(snapshot, 'error')).toThrow(/view 'error' needs the exact solution.*iteration 1200 has none/);
    expect(() => fieldValues(snapshot, 'exact')).toThrow(/needs the exact solution/);
    expect(availableViews(snapshot)).toEqual(['prediction']);
  });

  it('rejects a snapshot whose arrays do not hold nx·ny values', () => {
    const snapshot = { ...analyticSnapshot(5, 4), prediction: new Float32Array(19) };
    expect(() => gridSize(snapshot)).toThrow('snapshot.prediction: has 19 values, expected 5×4 = 20');
  });
});
