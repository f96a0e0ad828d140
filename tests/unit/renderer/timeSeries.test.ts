import { describe, expect, it } from 'vitest';
import { buildErrorVsTimeModel, hasTimeRows } from '../../../renderer/src/chart/timeSeries';
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
