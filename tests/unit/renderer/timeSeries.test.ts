import { describe, expect, it } from 'vitest';
import { buildErrorVsTimeModel, errorAgainstTime, hasTimeRows } from '../../../renderer/src/chart/timeSeries';
import type { MetricsRow } from '../../../workers/protocol/service';

const row = (iteration: number, extra: Partial<MetricsRow>): MetricsRow => ({ iteration, seconds: iteration, optimizer: 'teng-heun', loss: 1e-7, terms: {}, ...extra });

describe('TENG error-vs-time chart model', () => {
  it('plots relL2 and the least-squares residual against t, keeping the last fit row at the start time', () => {
    const rows = [
      row(1, { optimizer: 'fit', t: 0, relL2: 1e-3, terms: { fit: 1e-3 } }),
      row(2, { optimizer: 'fit', t: 0, relL2: 2e-4, terms: { fit: 2e-4 } }),
      row(3, { t: 0.005, terms: { lsq: 3e-8 } }),
      row(4, { t: 0.01, relL2: 2.5e-4, terms: { lsq: 4e-8 } }),
    ];
    const model = buildErrorVsTimeModel(rows);
    expect(model.series[0].points).toEqual([{ iteration: 0, value: 2e-4 }, { iteration: 0.01, value: 2.5e-4 }]);
    expect(model.series[1].points).toEqual([{ iteration: 0.005, value: 3e-8 }, { iteration: 0.01, value: 4e-8 }]);
    expect(hasTimeRows(rows)).toBe(true);
    expect(hasTimeRows([row(1, { relL2: 1e-2 })])).toBe(false);
  });
});

describe('relL2 against t for the comparison view', () => {
  it("takes a time-stepping run's measured rows, else a space–time run's final error at its times", () => {
    const teng = [row(1, { optimizer: 'fit', t: 0, relL2: 1e-3 }), row(2, { optimizer: 'fit', t: 0, relL2: 2e-4 }), row(3, { t: 0.5, relL2: 3e-4 })];
    expect(errorAgainstTime(teng, undefined)).toEqual({ t: [0, 0.5], relL2: [2e-4, 3e-4] });
    const pinnRows = [row(100, { optimizer: 'adam', relL2: 1e-2 })];
    expect(errorAgainstTime(pinnRows, [{ t: 0, relL2: 4e-3 }, { t: 1, relL2: 6e-3 }])).toEqual({ t: [0, 1], relL2: [4e-3, 6e-3] });
    expect(errorAgainstTime(pinnRows, undefined)).toEqual({ t: [], relL2: [] });
  });
});
