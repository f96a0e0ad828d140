import { describe, expect, it } from 'vitest';
import { problemMetricHistory } from '../../../renderer/src/flow/problemMetricHistory';
import type { MetricsRow } from '../../../workers/protocol/service';

const row = (iteration: number, problemMetrics?: Record<string, number>): MetricsRow => ({ iteration, seconds: iteration / 10, optimizer: 'adam', loss: 1, terms: {}, problemMetrics });

describe('history of the problem figures', () => {
  it('plots cD and cL at the measured rows, each beside its Schäfer–Turek benchmark for the cylinder', () => {
    const rows = [row(1), row(100, { cD: 9, cL: 0.5 }), row(150), row(200, { cD: 6, cL: 0.02 })];
    const spec = problemMetricHistory(rows, 'cylinder-2d1')!;
    expect(spec.title).toBe('Drag and lift');
    expect(spec.series.map((s) => s.label)).toEqual(['cD', 'cD benchmark 5.58', 'cL', 'cL benchmark 0.0106']);
    expect(spec.series[0]).toMatchObject({ x: [100, 200], y: [9, 6] });
    expect(spec.series[1]).toMatchObject({ x: [100, 200], y: [5.58, 5.58] });
    expect(spec.series[2].y).toEqual([0.5, 0.02]);
  });

  it('plots other figures without benchmark lines, and nothing for a run without problem figures', () => {
    const spec = problemMetricHistory([row(100, { ghiaMaxAbsDev: 0.05 }), row(200, { ghiaMaxAbsDev: 0.01 })], 'cavity-re100')!;
    expect(spec.series.map((s) => s.label)).toEqual(['ghiaMaxAbsDev']);
    expect(problemMetricHistory([row(1), row(2)], 'poisson2d')).toBeUndefined();
  });
});
