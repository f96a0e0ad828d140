import { useEffect, useId, useState } from 'react';
import type { FieldSnapshot } from '../../../workers/protocol/service';
import { formatCompact } from '../format/numbers';

export interface TimeSliderProps {
  frames: readonly FieldSnapshot[];
  /** The frame shown; undefined follows the run's live field. */
  index: number | undefined;
  onIndex: (index: number | undefined) => void;
}

const PLAY_STEP_MS = 400;

/** A time-stepping run's saved times: a slider and play/pause over the fields at those times. */
export function TimeSlider({ frames, index, onIndex }: TimeSliderProps) {
  const id = useId();
  const [playing, setPlaying] = useState(false);
  const last = frames.length - 1;
  const shown = index ?? last;

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      if (shown >= last) setPlaying(false);
      else onIndex(shown + 1);
    }, PLAY_STEP_MS);
    return () => clearInterval(timer);
  }, [playing, shown, last, onIndex]);

  const togglePlay = () => {
    if (!playing && shown >= last) onIndex(0);
    setPlaying(!playing);
  };
  const t = frames[shown]?.fixed.t;
  return (
    <div className="time-slider toolbar" role="group" aria-label="Saved times">
      <button type="button" className="small" data-testid="time-play" aria-pressed={playing} onClick={togglePlay} disabled={frames.length < 2}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <label htmlFor={id}>t</label>
      <input
        id={id}
        type="range"
        data-testid="time-slider"
        min={0}
        max={Math.max(0, last)}
        step={1}
        value={shown}
        onChange={(event) => {
          setPlaying(false);
          const next = Number(event.target.value);
          onIndex(next);
        }}
      />
      <span className="toolbar-caption muted" data-testid="time-label">
        {t !== undefined ? `t = ${formatCompact(t, 4)} (${shown + 1} of ${frames.length} saved times)` : ''}
      </span>
    </div>
  );
}
