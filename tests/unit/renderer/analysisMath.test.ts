import { describe, expect, it } from 'vitest';
import { comparisonCsv, contourSegments } from '../../../renderer/src/analysis/planeMath';
import { lineChartSvg } from '../../../renderer/src/analysis/lineChart';

describe('analysis view helpers', () => {
  it('contours a plane v = x at level 0.5 by one vertical segment per cell row', () => {
    const values = [0, 1, 0, 1, 0, 1]; // 2 × 3 nodes, v = x
    expect(contourSegments(values, 2, 3, 0.5)).toEqual([
      [0.5, 0, 0.5, 1],
      [0.5, 1, 0.5, 2],
    ]);
  });

  it('writes the final-metrics table as CSV, quoting names with commas', () => {
    const csv = comparisonCsv([{ name: 'a, b', id: 'x1', status: 'completed', iterations: 10, seconds: 1.5, relL2: 0.01, finalLoss: 2e-3 }]);
    expect(csv).toBe('name,id,status,iterations,seconds,relL2,final_loss\n"a, b",x1,completed,10,1.5,0.01,0.002\n');
  });

  it('exports a chart as SVG with one polyline per series, skipping values a log axis cannot show', () => {
    const svg = lineChartSvg({ title: 't', xTitle: 'iteration', yTitle: 'relL2', logY: true, series: [{ label: 'run <1>', color: '#123456', x: [0, 1, 2], y: [1, 0, 0.01] }] });
    expect(svg.match(/<polyline/g)).toHaveLength(1);
    expect(svg).toContain('run &lt;1&gt;');
    expect(svg.match(/<polyline[^>]*points="([^"]*)"/)![1].split(' ')).toHaveLength(2);
  });
});
