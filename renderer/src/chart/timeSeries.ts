/**
 * TENG's error chart: relL2 and the per-step least-squares residual against the time the
 * solution has reached (rows with t), as a LossChartModel whose x values are times.
 */
import type { ErrorAtTime, MetricsRow } from '../../../workers/protocol/service';
import { REL_L2_COLOR, termColor, type LossChartModel, type SeriesPoint } from './lossSeries';

export const hasTimeRows = (rows: readonly MetricsRow[]): boolean => rows.some((row) => row.t !== undefined && row.relL2 !== undefined);

export function buildErrorVsTimeModel(rows: readonly MetricsRow[]): LossChartModel {
  const relL2: SeriesPoint[] = [];
  const residual: SeriesPoint[] = [];
  for (const row of rows) {
    if (row.t === undefined) continue;
    // The fit's rows all sit at the start time: keep only the last of them.
    if (row.relL2 !== undefined) {
      if (relL2.length > 0 && relL2[relL2.length - 1].iteration === row.t) relL2.pop();
      relL2.push({ iteration: row.t, value: row.relL2 });
    }
    if (row.terms.lsq !== undefined) residual.push({ iteration: row.t, value: row.terms.lsq });
  }
  return {
    series: [
      { key: 'relL2', label: 'relL2 at t', color: REL_L2_COLOR, dashed: false, points: relL2 },
      { key: 'lsq', label: 'least-squares residual', color: termColor(0), dashed: true, points: residual },
    ],
    changes: [],
    rowCount: relL2.length + residual.length,
  };
}

/**
 * A run's relL2 against t for comparisons: a time-stepping run's measured rows (the last one at
 * each t), or a space–time run's final error at evenly spaced times; empty for neither.
 */
export function errorAgainstTime(rows: readonly MetricsRow[], errorInTime: readonly ErrorAtTime[] | undefined): { t: number[]; relL2: number[] } {
  if (hasTimeRows(rows)) {
    const points = buildErrorVsTimeModel(rows).series[0].points;
    return { t: points.map((p) => p.iteration), relL2: points.map((p) => p.value) };
  }
  return { t: (errorInTime ?? []).map((e) => e.t), relL2: (errorInTime ?? []).map((e) => e.relL2) };
}
