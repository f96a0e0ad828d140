import { describe, expect, it } from 'vitest';
import { errorField, errorFieldsSvg, errorPixels, errorRgb, sharedScale } from '../../../renderer/src/analysis/errorFields';
import { lineChartSvg } from '../../../renderer/src/analysis/lineChart';
import { sceneFrame } from '../../../renderer/src/analysis/planeMath';
import { findColorMap, sampleColorMap } from '../../../renderer/src/field/colorMaps';
import type { FieldSnapshot } from '../../../workers/protocol/service';

describe('the 3D trajectory view frame', () => {
  it('spans every path and the origin (padded 8%), and the log10 of their recorded losses', () => {
    const paths = [
      { alpha: [1, 3], beta: [2, 4], loss: [10, 0.01], color: '#fff' },
      { alpha: [-1, 0], beta: [1, 1], loss: [null, 1], color: '#000' },
    ];
    const frame = sceneFrame(undefined, paths);
    expect(frame.alpha.min).toBeCloseTo(-1 - 0.32, 12);
    expect(frame.alpha.max).toBeCloseTo(3 + 0.32, 12);
    expect(frame.beta.min).toBeCloseTo(-0.32, 12);
    expect(frame.logLoss).toEqual({ min: -2, max: 1 });
  });
});

describe('the comparison error fields', () => {
  const snapshot = (prediction: number[], exact?: number[]): FieldSnapshot => ({
    iteration: 1,
    unknown: 'u',
    axes: [
      { name: 'x', min: 0, max: 1, n: 2 },
      { name: 'y', min: 0, max: 1, n: 2 },
    ],
    fixed: {},
    prediction: Float32Array.from(prediction),
    exact: exact && Float32Array.from(exact),
  });

  it('share one symmetric scale, the largest |prediction − exact| of all runs', () => {
    const a = errorField(snapshot([1, 2, 3, 4], [1, 2, 3, 3.5]));
    const b = errorField(snapshot([0, 0, 0, 0], [0, 0.25, 0, 0]));
    expect(Array.from(a!)).toEqual([0, 0, 0, 0.5]);
    expect(errorField(snapshot([1, 2, 3, 4]))).toBeUndefined();
    expect(sharedScale([a, undefined, b])).toBe(0.5);
  });

  it('colour zero error with the diverging map’s middle and put the largest y on the top row', () => {
    const coolwarm = findColorMap('coolwarm', 'diverging');
    expect(errorRgb(0, 0.5)).toEqual(sampleColorMap(coolwarm, 0.5));
    const pixels = errorPixels(Float32Array.from([0, 0, 0.5, NaN]), 2, 2, 0.5);
    const top = sampleColorMap(coolwarm, 1).map((c) => Math.round(c * 255));
    expect(Array.from(pixels.subarray(0, 3))).toEqual(top); // node (0, 1): error 0.5, the top of the scale
    expect(Array.from(pixels.subarray(4, 8))).toEqual([128, 128, 128, 255]); // NaN: grey
  });

  it('export as one SVG: an image per run with an exact solution, a note for the others, the scale’s ends', () => {
    const svg = errorFieldsSvg([{ name: 'adam', png: 'data:image/png;base64,AAAA' }, { name: 'no <exact>' }], 0.5);
    expect(svg.match(/<image /g)).toHaveLength(1);
    expect(svg).toContain('href="data:image/png;base64,AAAA"');
    expect(svg).toContain('no exact solution');
    expect(svg).toContain('no &lt;exact&gt;');
    expect(svg).toContain('>5.00e-1<');
    expect(svg).toContain('>-5.00e-1<');
  });
});

describe('the comparison charts', () => {
  it('mark every point of a short series, so a run measured once still shows', () => {
    const svg = lineChartSvg({ title: 't', xTitle: 'iteration', yTitle: 'relL2', logY: true, series: [{ label: 'once', color: '#123456', x: [90], y: [0.5] }, { label: 'twice', color: '#654321', x: [100, 200], y: [1, 0.1] }] });
    expect(svg.match(/<circle [^>]*fill="#123456"/g)).toHaveLength(1);
    expect(svg.match(/<circle [^>]*fill="#654321"/g)).toHaveLength(2);
  });
});
