import { describe, expect, it } from 'vitest';
import { decadeLabel, decadeRange, niceTicks } from '../../../renderer/src/chart/axisTicks';
import { decimateMinMax } from '../../../renderer/src/chart/decimate';
import { REL_L2_LABEL, buildLossChartModel, valuesAt } from '../../../renderer/src/chart/lossSeries';
import type { MetricsRow } from '../../../workers/protocol/service';

describe('decadeRange', () => {
  it('spans whole decades around the data and labels each one', () => {
    const range = decadeRange(3.2e-5, 0.7);
    expect(range.low).toBe(-5);
    expect(range.high).toBe(0);
    expect(range.ticks).toEqual([-5, -4, -3, -2, -1, 0]);
    expect(range.minor).toHaveLength(5 * 8);
  });

  it('labels every other decade when the range is too wide for all of them', () => {
    const range = decadeRange(1e-12, 1e2, 8);
    expect(range.ticks[range.ticks.length - 1]).toBe(2);
    expect(range.ticks.length).toBeLessThanOrEqual(8);
    expect(range.minor).toEqual([]);
  });

  it('gives one decade for a single value that is a power of ten', () => {
    const range = decadeRange(1e-3, 1e-3);
    expect(range.high - range.low).toBe(1);
  });

  it('writes decades as 1e-3, 1, 10', () => {
    expect([-3, 0, 1, 2].map(decadeLabel)).toEqual(['1e-3', '1', '10', '1e2']);
  });
});

describe('niceTicks', () => {
  it('picks round steps inside the range', () => {
    expect(niceTicks(0, 3620, 5)).toEqual([0, 1000, 2000, 3000]);
    expect(niceTicks(-0.161, 0.161, 4)).toEqual([-0.1, 0, 0.1]);
  });
});

describe('decimateMinMax', () => {
  it('keeps short series as they are', () => {
    const points = [
      { x: 0, y: 1 },
      { x: 1, y: 2 },
    ];
    expect(decimateMinMax(points, 100)).toEqual(points);
  });

  it('bounds the point count by the width and keeps every column extreme', () => {
    const points = Array.from({ length: 10_000 }, (_, k) => ({ x: k / 100, y: k === 5_050 ? -99 : Math.sin(k) }));
    const out = decimateMinMax(points, 100);
    expect(out.length).toBeLessThanOrEqual(100 * 4);
    expect(out.some((p) => p.y === -99)).toBe(true);
    for (let k = 1; k < out.length; k++) expect(out[k].x).toBeGreaterThanOrEqual(out[k - 1].x);
  });
});

describe('buildLossChartModel', () => {
  const rows: MetricsRow[] = [
    { iteration: 10, seconds: 0.1, optimizer: 'adam', loss: 1, terms: { pde: 0.8, 'bc:all': 0.2 } },
    { iteration: 20, seconds: 0.2, optimizer: 'adam', loss: 0.5, terms: { pde: 0.4, 'bc:all': 0.1 }, relL2: 0.3 },
    { iteration: 30, seconds: 0.3, optimizer: 'lbfgs', loss: 0.1, terms: { pde: 0.08, 'bc:all': 0.02 } },
  ];

  it('has the total, one line per term and relL2 as a distinct dashed line', () => {
    const model = buildLossChartModel(rows);
    expect(model.series.map((s) => s.label)).toEqual(['loss (total)', 'pde', 'bc:all', REL_L2_LABEL]);
    expect(model.series.filter((s) => s.dashed).map((s) => s.key)).toEqual(['relL2']);
    expect(model.rowCount).toBe(3);
  });

  it('marks where the optimizer changes', () => {
    expect(buildLossChartModel(rows).changes).toEqual([{ iteration: 30, optimizer: 'lbfgs' }]);
  });

  it('reads each series at or before an iteration', () => {
    const values = valuesAt(buildLossChartModel(rows), 25);
    expect(values.get('loss')).toBe(0.5);
    expect(values.get('relL2')).toBe(0.3);
    expect(values.get('term:pde')).toBe(0.4);
  });
});
