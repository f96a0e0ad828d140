/** The files an analysis writes into a run folder, the same from the CLI and the app. */
import type { LandscapeReport, RoughnessReport } from '../protocol/analysis';
import { landscapeFiles } from './landscapeFigures';
import { seriesPlotPng, seriesPlotSvg } from './seriesPlot';

export function landscapeOutputs(report: LandscapeReport): Record<string, string | Uint8Array> {
  return { 'landscape.json': JSON.stringify(report) + '\n', ...landscapeFiles(report) };
}

export function roughnessOutputs(report: RoughnessReport): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = { 'roughness.json': JSON.stringify(report, null, 2) + '\n' };
  if (report.history) {
    const series = [{ label: 'roughness index (mean τ)', x: report.history.iterations, y: report.history.roughnessIndex }];
    const options = { title: 'Roughness index along the trajectory', xTitle: 'iteration', yTitle: 'roughness index' };
    files['roughness.svg'] = seriesPlotSvg(series, options);
    files['roughness.png'] = seriesPlotPng(series, options);
  }
  return files;
}
