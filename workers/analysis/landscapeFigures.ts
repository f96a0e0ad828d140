/**
 * The landscape as a field on the (α, β) plane, so the export writers draw and save it: heat map
 * (PNG, SVG) of log10 loss, and a VTU whose point arrays are log10 loss (the plot's values) —
 * in ParaView, "Warp By Scalar" on it gives the 3D surface.
 */
import type { FieldSnapshot } from '../protocol/service';
import { fieldPlotPng, fieldPlotSvg } from '../export/figures/fieldPlot';
import { fieldToVtu } from '../export/vtu';
import type { LandscapeReport } from './runAnalysis';

export function landscapeSnapshot(report: LandscapeReport): FieldSnapshot {
  const log = Float32Array.from(report.losses, (v) => (v !== null && v > 0 ? Math.log10(v) : NaN));
  const axis = (name: string, values: number[]) => ({ name, min: values[0], max: values[values.length - 1], n: values.length });
  return { iteration: 0, unknown: 'log10_loss', axes: [axis('alpha', report.alpha), axis('beta', report.beta)], fixed: {}, prediction: log };
}

function title(report: LandscapeReport): string {
  return `log10 loss around ${report.centre.label}, ${String(report.directions.kind)} directions`;
}

export function landscapeFiles(report: LandscapeReport): Record<string, Uint8Array | string> {
  const snapshot = landscapeSnapshot(report);
  return {
    'landscape.png': fieldPlotPng(snapshot, 'prediction', { title: title(report) }),
    'landscape.svg': fieldPlotSvg(snapshot, 'prediction', { title: title(report) }),
    'landscape.vtu': fieldToVtu(snapshot),
  };
}
