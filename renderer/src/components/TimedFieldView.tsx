import { useEffect, useState } from 'react';
import type { FieldSnapshot, FieldView as FieldViewName, WorkbenchService } from '../../../workers/protocol/service';
import { useTimeFrames } from '../state/useTimeFrames';
import { FieldView } from './FieldView';
import { TimeSlider } from './TimeSlider';

export interface TimedFieldViewProps {
  service: WorkbenchService | undefined;
  runId: string | undefined;
  /** Whether the run steps in time (its rows carry t): then its saved times get a slider. */
  timed: boolean;
  live: boolean;
  snapshot?: FieldSnapshot;
  view: FieldViewName;
  onViewChange: (view: FieldViewName) => void;
}

/** The field view, with a time slider over the saved times of a time-stepping run (TENG). */
export function TimedFieldView({ service, runId, timed, live, snapshot, view, onViewChange }: TimedFieldViewProps) {
  const frames = useTimeFrames(service, runId, timed, live);
  const [index, setIndex] = useState<number | undefined>(undefined);
  useEffect(() => setIndex(undefined), [runId]);
  const chosen = index !== undefined ? frames[index] : undefined;
  return (
    <div className="timed-field">
      {frames.length > 0 && <TimeSlider frames={frames} index={index} onIndex={setIndex} />}
      <FieldView snapshot={chosen ?? snapshot} view={view} onViewChange={onViewChange} />
    </div>
  );
}
