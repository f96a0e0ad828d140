import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AuxiliaryFieldView } from '../../../renderer/src/components/AuxiliaryFieldView';
import { KrylovChart } from '../../../renderer/src/components/KrylovChart';
import type { FieldSnapshot, MetricsRow } from '../../../workers/protocol/service';

const row = (iteration: number, krylovIterations?: number): MetricsRow => ({ iteration, seconds: iteration, optimizer: 'acgd', loss: 1, terms: {}, krylovIterations });

describe('CPINN views', () => {
  it('the Krylov chart draws one path point per step and names the last and largest counts', () => {
    const html = renderToStaticMarkup(createElement(KrylovChart, { rows: [row(1, 4), row(2, 8), row(3, 6)], version: 1 }));
    expect(html).toContain('last 6, max 8');
    expect(html).toMatch(/d="M0\.0,40\.0 L120\.0,0\.0 L240\.0,20\.0"/);
  });

  it('the Krylov chart and the auxiliary field view render nothing for a PINN run', () => {
    expect(renderToStaticMarkup(createElement(KrylovChart, { rows: [row(1), row(2)], version: 1 }))).toBe('');
    const snapshot: FieldSnapshot = { iteration: 1, unknown: 'u', axes: [{ name: 'x', min: 0, max: 1, n: 2 }, { name: 'y', min: 0, max: 1, n: 2 }], fixed: {}, prediction: new Float32Array(4) };
    expect(renderToStaticMarkup(createElement(AuxiliaryFieldView, { snapshot }))).toBe('');
    const withField = { ...snapshot, auxiliary: [{ name: 'discriminator:pde', values: Float32Array.from([1, -2, 0.5, 0]) }] };
    const html = renderToStaticMarkup(createElement(AuxiliaryFieldView, { snapshot: withField }));
    expect(html).toContain('discriminator:pde');
    expect(html).toContain('±2');
  });
});
