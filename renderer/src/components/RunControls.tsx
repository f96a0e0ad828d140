import type { RunSummary } from '../../../workers/protocol/service';
import { isFinished } from '../state/runStore';

export interface RunControlsProps {
  canRun: boolean;
  starting: boolean;
  selected?: RunSummary;
  busy: boolean;
  actionError?: string;
  onRun: () => void;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
}

export function RunControls({ canRun, starting, selected, busy, actionError, onRun, onPause, onResume, onCancel }: RunControlsProps) {
  const status = selected?.status;
  const live = selected !== undefined && !isFinished(selected);
  // An interrupted or cancelled run goes on from its checkpoint (the workbench refuses one without).
  const resumable = status === 'interrupted' || status === 'cancelled';
  return (
    <section className="panel-section run-controls" aria-label="Run controls">
      <div className="button-row">
        <button type="button" className="primary" data-testid="run-button" disabled={!canRun || starting} onClick={onRun}>
          {starting ? 'Starting…' : 'Run'}
        </button>
        <button type="button" data-testid="pause-button" disabled={busy || !(status === 'running' || status === 'starting')} onClick={onPause}>
          Pause
        </button>
        <button
          type="button"
          data-testid="resume-button"
          title={resumable ? 'Continue from the last checkpoint' : undefined}
          disabled={busy || !(status === 'paused' || resumable)}
          onClick={onResume}
        >
          Resume
        </button>
        <button type="button" className="danger" data-testid="cancel-button" disabled={busy || !live} onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p className="controls-note">
        {selected ? (
          <>
            Pause, Resume and Cancel act on <strong>{selected.name}</strong>
          </>
        ) : (
          'Run starts a new run with the config above; several may run at once.'
        )}
      </p>
      {actionError && (
        <p className="error-text" role="alert">
          {actionError}
        </p>
      )}
    </section>
  );
}
