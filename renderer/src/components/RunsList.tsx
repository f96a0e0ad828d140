import type { RunSummary } from '../../../workers/protocol/service';
import { formatInteger, formatSci } from '../format/numbers';

export interface RunsListProps {
  runs: readonly RunSummary[];
  selectedId?: string;
  error?: string;
  onSelect: (id: string) => void;
}

function progress(run: RunSummary): number {
  return run.totalIterations > 0 ? Math.min(1, run.iteration / run.totalIterations) : 0;
}

export function RunsList({ runs, selectedId, error, onSelect }: RunsListProps) {
  return (
    <section className="panel-section runs" aria-label="Runs">
      <h2 className="section-title">
        Runs <span className="count">{runs.length}</span>
      </h2>
      {error && <p className="error-text">Runs list: {error}</p>}
      {runs.length === 0 && <p className="empty-note">No runs yet.</p>}
      {
        <ul className="runs-list" data-testid="runs-list" role="listbox" aria-label="Runs">
          {runs.map((run) => (
            <li
              key={run.id}
              data-testid="run-item"
              data-run-id={run.id}
              data-status={run.status}
              role="option"
              aria-selected={run.id === selectedId}
              tabIndex={0}
              className={run.id === selectedId ? 'run-item selected' : 'run-item'}
              title={run.message ?? run.folder ?? run.id}
              onClick={() => onSelect(run.id)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onSelect(run.id);
                }
              }}
            >
              <div className="run-line">
                <span className="run-name">{run.name}</span>
                <span className={`status-badge status-${run.status}`}>{run.status}</span>
              </div>
              <div className="run-line run-numbers">
                <span>
                  {formatInteger(run.iteration)} / {formatInteger(run.totalIterations)}
                </span>
                <span title="relative L2 error against the exact solution">relL2 {formatSci(run.relL2)}</span>
              </div>
              <div className="run-progress" aria-hidden="true">
                <div className="run-progress-bar" style={{ width: `${(progress(run) * 100).toFixed(1)}%` }} />
              </div>
            </li>
          ))}
        </ul>
      }
    </section>
  );
}
