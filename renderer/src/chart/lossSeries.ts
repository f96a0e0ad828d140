/**
 * The loss chart's data, from metrics rows: the total loss, one line per loss term, the relL2
 * error (where it was measured) and the iterations where the optimizer changed.
 */
import type { MetricsRow } from '../../../workers/protocol/service';

export interface SeriesPoint {
  iteration: number;
  value: number;
}

export interface LossSeries {
  key: string;
  label: string;
  color: string;
  dashed: boolean;
  points: SeriesPoint[];
}

export interface OptimizerChange {
  iteration: number;
  optimizer: string;
}

export interface LossChartModel {
  series: LossSeries[];
  changes: OptimizerChange[];
  rowCount: number;
}

export const TOTAL_COLOR = '#e6e9ef';
export const REL_L2_COLOR = '#ff5c7a';
const TERM_COLORS = ['#4c9aff', '#f5a623', '#6fcf5b', '#c678dd', '#36c5d0', '#e5c07b', '#9aa5b1'];

export const REL_L2_LABEL = 'relL2 (vs exact)';

export function termColor(index: number): string {
  return TERM_COLORS[index % TERM_COLORS.length];
}

export function buildLossChartModel(rows: readonly MetricsRow[]): LossChartModel {
  const total: SeriesPoint[] = [];
  const relL2: SeriesPoint[] = [];
  const terms = new Map<string, SeriesPoint[]>();
  const changes: OptimizerChange[] = [];
  let optimizer: string | undefined;
  for (const row of rows) {
    total.push({ iteration: row.iteration, value: row.loss });
    for (const key in row.terms) {
      let points = terms.get(key);
      if (!points) terms.set(key, (points = []));
      points.push({ iteration: row.iteration, value: row.terms[key] });
    }
    if (row.relL2 !== undefined && row.relL2 !== null) relL2.push({ iteration: row.iteration, value: row.relL2 });
    if (optimizer !== undefined && row.optimizer !== optimizer) changes.push({ iteration: row.iteration, optimizer: row.optimizer });
    optimizer = row.optimizer;
  }
  const series: LossSeries[] = [{ key: 'loss', label: 'loss (total)', color: TOTAL_COLOR, dashed: false, points: total }];
  [...terms.entries()].forEach(([key, points], i) => series.push({ key: `term:${key}`, label: key, color: termColor(i), dashed: false, points }));
  if (relL2.length > 0) series.push({ key: 'relL2', label: REL_L2_LABEL, color: REL_L2_COLOR, dashed: true, points: relL2 });
  return { series, changes, rowCount: rows.length };
}

/** The value of each series at the row nearest to `iteration` (at or before it). */
export function valuesAt(model: LossChartModel, iteration: number): Map<string, number> {
  const values = new Map<string, number>();
  for (const s of model.series) {
    const point = nearestAtOrBefore(s.points, iteration);
    if (point) values.set(s.key, point.value);
  }
  return values;
}

function nearestAtOrBefore(points: readonly SeriesPoint[], iteration: number): SeriesPoint | undefined {
  let lo = 0;
  let hi = points.length - 1;
  if (hi < 0 || points[0].iteration > iteration) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (points[mid].iteration <= iteration) lo = mid;
    else hi = mid - 1;
  }
  return points[lo];
}
