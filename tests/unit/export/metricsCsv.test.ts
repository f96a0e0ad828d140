import { describe, expect, it } from 'vitest';
import { metricsToCsv } from '../../../workers/export/metricsCsv';
import type { MetricsRow } from '../../../workers/protocol/service';

const rows: MetricsRow[] = [
  { iteration: 0, seconds: 0.25, optimizer: 'adam', loss: 0.1 + 0.2, terms: { pde: 1.5e-7, 'bc:x=0': 2 } },
  { iteration: 10, seconds: 1.5, optimizer: 'lbfgs', loss: 0.125, terms: { pde: 0.5, ic: 3 }, relL2: 0.01 },
];

describe('metricsToCsv', () => {
  const lines = metricsToCsv(rows).split('\n');

  it('heads the columns with the sorted union of the terms between loss and relL2', () => {
    expect(lines[0]).toBe('iteration,seconds,optimizer,loss,bc:x=0,ic,pde,relL2');
  });

  it('leaves cells empty where a row lacks a term or relL2', () => {
    expect(lines[1]).toBe('0,0.25,adam,0.30000000000000004,2,,1.5e-7,');
    expect(lines[2]).toBe('10,1.5,lbfgs,0.125,,3,0.5,0.01');
  });

  it('writes numbers that read back exactly, and ends with a newline', () => {
    expect(Number(lines[1].split(',')[3])).toBe(0.1 + 0.2);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('quotes names holding commas or quotes', () => {
    const csv = metricsToCsv([{ iteration: 1, seconds: 0, optimizer: 'adam', loss: 1, terms: { 'bc:"a,b"': 1 } }]);
    expect(csv.split('\n')[0]).toBe('iteration,seconds,optimizer,loss,"bc:""a,b""",relL2');
  });

  it('adds a krylovIterations column for CPINN rows', () => {
    const csv = metricsToCsv([{ iteration: 1, seconds: 0, optimizer: 'acgd', loss: 1, terms: { pde: 2 }, krylovIterations: 7 }]);
    expect(csv).toBe('iteration,seconds,optimizer,loss,pde,relL2,krylovIterations\n1,0,acgd,1,2,,7\n');
  });

  it('adds an evaluations column where steps vary in work, blank in rows without it', () => {
    const csv = metricsToCsv([
      { iteration: 1, seconds: 0, optimizer: 'lbfgs', loss: 1, terms: {}, evaluations: 3 },
      { iteration: 2, seconds: 0, optimizer: 'lbfgs', loss: 1, terms: {} },
    ]);
    expect(csv).toBe('iteration,seconds,optimizer,loss,relL2,evaluations\n1,0,lbfgs,1,,3\n2,0,lbfgs,1,,\n');
  });

  it('writes only the header for no rows', () => {
    expect(metricsToCsv([])).toBe('iteration,seconds,optimizer,loss,relL2\n');
  });
});
