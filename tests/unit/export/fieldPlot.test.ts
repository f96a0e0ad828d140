import { describe, expect, it } from 'vitest';
import { colormapRgb, rgbToBytes } from '../../../workers/export/colormap';
import { fieldPlotPng, fieldPlotScene, fieldPlotSvg } from '../../../workers/export/figures/fieldPlot';
import { bitmapFontMetrics } from '../../../workers/export/figures/rasterRenderer';
import type { ImageItem } from '../../../workers/export/figures/scene';
import type { FieldSnapshot } from '../../../workers/protocol/service';
import { analyticSnapshot, xmlProblems } from './fixtures';
import { decodePng, pixelAt } from './pngDecoder';

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

/** u = x on [0, 1]², rising from left to right. */
function rampSnapshot(): FieldSnapshot {
  const n = 11;
  const prediction = new Float32Array(n * n).map((_, k) => (k % n) / (n - 1));
  return { iteration: 3, unknown: 'u', axes: [{ name: 'x', min: 0, max: 1, n }, { name: 'y', min: 0, max: 1, n }], fixed: {}, prediction };
}

describe('fieldPlotSvg', () => {
  const svg = fieldPlotSvg(analyticSnapshot(9, 9, { fixed: { z: 0.5 } }), 'prediction');

  it('is well-formed XML with the heat map embedded as a PNG', () => {
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toMatch(/<image [^>]*xlink:href="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
  });

  it('titles the figure with view, unknown, iteration and slice, and names the axes', () => {
    expect(texts(svg)).toEqual(expect.arrayContaining(['Prediction of u at iteration 1200 (z = 0.5)', 'x', 'y', 'u']));
  });

  it('labels the axes in the snapshot units', () => {
    expect(texts(svg)).toEqual(expect.arrayContaining(['-1.0', '-0.5', '0', '0.5', '1.0']));
  });

  it('spans the error colour bar symmetrically about zero', () => {
    const labels = texts(fieldPlotSvg(analyticSnapshot(9, 9), 'error'));
    expect(labels).toContain('Error (prediction - exact) of u at iteration 1200');
    expect(labels).toEqual(expect.arrayContaining(['-0.01', '0.01']));
  });

  it('refuses the error view without an exact solution', () => {
    expect(() => fieldPlotSvg(analyticSnapshot(4, 4, { withExact: false }), 'error')).toThrow(/needs the exact solution/);
  });
});

describe('fieldPlotPng', () => {
  it('is a PNG of the requested size', () => {
    const png = decodePng(fieldPlotPng(analyticSnapshot(), 'exact', { width: 400, height: 300 }));
    expect([png.width, png.height]).toEqual([400, 300]);
  });

  it('paints the heat map with the colour map: low values at the left, high at the right', () => {
    const options = { width: 400, height: 360 };
    const scene = fieldPlotScene(rampSnapshot(), 'prediction', options, bitmapFontMetrics);
    const heat = scene.items.find((item): item is ImageItem => item.kind === 'image') as ImageItem;
    const png = decodePng(fieldPlotPng(rampSnapshot(), 'prediction', options));
    const row = Math.round(heat.y + heat.height / 2);
    const left = pixelAt(png, Math.round(heat.x) + 1, row);
    const right = pixelAt(png, Math.round(heat.x + heat.width) - 2, row);
    rgbToBytes(colormapRgb('viridis', 0)).forEach((c, k) => expect(Math.abs(left[k] - c)).toBeLessThanOrEqual(4));
    rgbToBytes(colormapRgb('viridis', 1)).forEach((c, k) => expect(Math.abs(right[k] - c)).toBeLessThanOrEqual(4));
  });

  it('fits the default height to a wide domain drawn to scale', () => {
    const wide: FieldSnapshot = { ...analyticSnapshot(9, 5), axes: [{ name: 'x', min: 0, max: 3, n: 9 }, { name: 'y', min: 0, max: 1, n: 5 }] };
    const png = decodePng(fieldPlotPng(wide, 'prediction', { width: 600 }));
    expect(png.width).toBe(600);
    expect(png.height).toBeLessThan(0.6 * 600);
  });
});
