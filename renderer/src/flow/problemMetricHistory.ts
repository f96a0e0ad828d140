/**
 * The history of a run's problem figures (problem.metrics, measured every `evaluation.every`
 * iterations: cD and cL for the cylinder, ghiaMaxAbsDev for the cavity) as a line chart, with
 * the Schäfer–Turek 2D-1 benchmark values drawn flat beside the cylinder's coefficients.
 */
import type { ChartSeries, ChartSpec } from '../analysis/lineChart';
import type { MetricsRow } from '../../../workers/protocol/service';

/** Benchmark values by problem id and metric (Schäfer & Turek 1996, Re = 20). */
const BENCHMARKS: Record<string, Record<string, number>> = {
  'cylinder-2d1': { cD: 5.58, cL: 0.0106 },
};
const COLORS = ['#2a7ae2', '#e2762a', '#3bb273', '#c94bd6'];

export function problemMetricHistory(rows: readonly MetricsRow[], problem: string | undefined): ChartSpec | undefined {
  const measured = rows.filter((row) => row.problemMetrics !== undefined);
  if (measured.length === 0) return undefined;
  const names = [...new Set(measured.flatMap((row) => Object.keys(row.problemMetrics!)))];
  const first = measured[0].iteration;
  const last = measured[measured.length - 1].iteration;
  const series: ChartSeries[] = [];
  names.forEach((name, k) => {
    const color = COLORS[k % COLORS.length];
    const points = measured.filter((row) => Number.isFinite(row.problemMetrics![name]));
    series.push({ label: name, color, x: points.map((row) => row.iteration), y: points.map((row) => row.problemMetrics![name]) });
    const benchmark = problem ? BENCHMARKS[problem]?.[name] : undefined;
    if (benchmark !== undefined) series.push({ label: `${name} benchmark ${benchmark}`, color: `${color}88`, x: [first, last], y: [benchmark, benchmark] });
  });
  return { title: names.includes('cD') ? 'Drag and lift' : 'Problem figures', xTitle: 'iteration', yTitle: names.join(', '), series };
}
