import type { MetricsRow, RunSummary } from '../../../workers/protocol/service';
import { formatInteger, formatSci, formatSeconds } from '../format/numbers';

export interface MetricsPanelProps {
  summary?: RunSummary;
  lastRow?: MetricsRow;
  /** The latest measured relL2 in the history, when the summary has none. */
  lastRelL2?: number;
  pollError?: string;
}

/** The selected run at a glance. The error shown is relL2 against the exact solution, never a loss. */
export function MetricsPanel({ summary, lastRow, lastRelL2, pollError }: MetricsPanelProps) {
  const relL2 = summary?.relL2 ?? lastRelL2;
  return (
    <section className="metrics" aria-label="Metrics">
      <h2 className="section-title">Metrics</h2>
      <dl>
        <dt>Iteration</dt>
        <dd data-testid="metric-iteration">
          {summary ? `${formatInteger(summary.iteration)} / ${formatInteger(summary.totalIterations)}` : '—'}
        </dd>
        <dt>Optimizer</dt>
        <dd data-testid="metric-optimizer">{lastRow?.optimizer ?? '—'}</dd>
        <dt>Loss</dt>
        <dd data-testid="metric-loss">{formatSci(lastRow?.loss, 3)}</dd>
        <dt title="relative L2 error of the prediction against the exact solution">relL2 vs exact</dt>
        <dd className="rel-l2" data-testid="rel-l2">
          {formatSci(relL2)}
        </dd>
        <dt>Elapsed</dt>
        <dd data-testid="metric-seconds">{formatSeconds(summary?.seconds)}</dd>
        <dt>Backend</dt>
        <dd data-testid="metric-backend">{summary?.backend ?? '—'}</dd>
        <dt>Status</dt>
        <dd data-testid="run-status" className={summary ? `status-text status-${summary.status}` : 'status-text'}>
          {summary ? summary.status : 'no run selected'}
          {summary?.message && <span className="status-message"> — {summary.message}</span>}
        </dd>
      </dl>
      {pollError && <p className="error-text">Updates: {pollError}</p>}
    </section>
  );
}
