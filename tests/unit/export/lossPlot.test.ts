import { describe, expect, it } from 'vitest';
import { lossPlotPng, lossPlotSvg } from '../../../workers/export/figures/lossPlot';
import type { MetricsRow } from '../../../workers/protocol/service';
import { trainingRows, xmlProblems } from './fixtures';
import { decodePng } from './pngDecoder';

const seriesPaths = (svg: string) => [...svg.matchAll(/<path data-series="([^"]*)" d="([^"]*)"[^>]*>/g)].map((m) => ({ label: m[1], d: m[2], tag: m[0] }));
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('lossPlotSvg', () => {
  const svg = lossPlotSvg(trainingRows());

  it('is well-formed XML', () => {
    expect(xmlProblems(svg)).toEqual([]);
  });

  it('draws one path for the total loss, one per term and one for the relative error', () => {
    expect(seriesPaths(svg).map((p) => p.label)).toEqual(['total loss', 'pde', 'bc', 'rel. L2 error']);
  });

  it('dashes the relative error line only', () => {
    for (const path of seriesPaths(svg)) expect(path.tag.includes('stroke-dasharray')).toBe(path.label === 'rel. L2 error');
  });

  it('labels the legend, the axes, the decades and the optimizer phases', () => {
    const labels = texts(svg);
    expect(labels).toEqual(expect.arrayContaining(['total loss', 'pde', 'bc', 'rel. L2 error', 'iteration', 'Training loss', 'adam', 'lbfgs']));
    expect(labels).toEqual(expect.arrayContaining(['1e-4', '1e-3', '1e-2', '1e-1', '1e0']));
  });

  it('shades each optimizer phase', () => {
    expect(svg.match(/<rect [^>]*fill-opacity="0.07"/g)).toHaveLength(2);
  });

  it('skips values that are zero, negative or not finite', () => {
    const rows: MetricsRow[] = [1, 0, -2, NaN, Infinity, 0.1, 0.01].map((loss, k) => ({ iteration: k, seconds: k, optimizer: 'adam', loss, terms: {} }));
    const [total] = seriesPaths(lossPlotSvg(rows));
    expect(total.d.match(/[ML]/g)).toHaveLength(3);
    expect(xmlProblems(lossPlotSvg(rows))).toEqual([]);
  });

  it('marks a single row with a dot per series', () => {
    const svg1 = lossPlotSvg(trainingRows().slice(0, 1));
    expect(seriesPaths(svg1)).toHaveLength(0);
    expect(svg1.match(/<circle /g)).toHaveLength(4);
    expect(xmlProblems(svg1)).toEqual([]);
  });

  it('says so when there are no rows yet', () => {
    const empty = lossPlotSvg([]);
    expect(texts(empty)).toContain('no metrics yet');
    expect(xmlProblems(empty)).toEqual([]);
  });

  it('escapes term names that are not XML-safe', () => {
    const rows: MetricsRow[] = [{ iteration: 0, seconds: 0, optimizer: 'adam', loss: 1, terms: { 'bc:x<0 & y>1': 0.5 } }];
    const escaped = lossPlotSvg([...rows, { ...rows[0], iteration: 1 }]);
    expect(xmlProblems(escaped)).toEqual([]);
    expect(escaped).toContain('bc:x&lt;0 &amp; y&gt;1');
  });
});

describe('lossPlotPng', () => {
  it('is a PNG of the requested size', () => {
    const png = decodePng(lossPlotPng(trainingRows(), { width: 480, height: 300 }));
    expect([png.width, png.height]).toEqual([480, 300]);
  });

  it('draws on a white background with dark ink somewhere', () => {
    const png = decodePng(lossPlotPng([], { width: 320, height: 200 }));
    expect([...png.pixels.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    expect(png.pixels.some((v, k) => k % 4 === 0 && v < 64)).toBe(true);
  });
});
