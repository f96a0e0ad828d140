/**
 * A metrics history as CSV (RFC 4180): `iteration,seconds,optimizer,loss,<terms>,relL2[,krylovIterations][,evaluations]`, the term
 * columns being the sorted union of every row's terms; a cell is empty where a row lacks the value.
 * Numbers are written in JavaScript's shortest round-trip form, so they read back exactly.
 */
import type { MetricsRow } from '../protocol/service';

const WORK_COLUMNS = ['krylovIterations', 'evaluations'] as const;

/** CSV text of a metrics history, one line per row after the header, ending in a newline. */
export function metricsToCsv(rows: readonly MetricsRow[]): string {
  const terms = [...new Set(rows.flatMap((row) => Object.keys(row.terms)))].sort();
  // Work per step (CPINN's Krylov iterations, line-search evaluations), as last columns where any row has them.
  const counts = WORK_COLUMNS.filter((name) => rows.some((row) => row[name] !== undefined));
  const header = ['iteration', 'seconds', 'optimizer', 'loss', ...terms, 'relL2', ...counts];
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) {
    const cells = [row.iteration, row.seconds, row.optimizer, row.loss, ...terms.map((name) => row.terms[name]), row.relL2, ...counts.map((name) => row[name])];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
