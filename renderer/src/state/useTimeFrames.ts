/**
 * The saved-time fields of the selected time-stepping run (TENG), fetched through the service:
 * every second while the run lives (re-reading the last frame, which the run may replace), once
 * more after it finishes.
 */
import { useEffect, useState } from 'react';
import type { FieldSnapshot, WorkbenchService } from '../../../workers/protocol/service';

const POLL_MS = 1000;
const NONE: FieldSnapshot[] = [];

export function useTimeFrames(service: WorkbenchService | undefined, runId: string | undefined, enabled: boolean, live: boolean): FieldSnapshot[] {
  const [frames, setFrames] = useState<{ runId?: string; list: FieldSnapshot[] }>({ list: NONE });

  useEffect(() => {
    if (!service || !runId || !enabled) return;
    let stopped = false;
    let held: FieldSnapshot[] = frames.runId === runId ? frames.list : NONE;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchOnce = async () => {
      try {
        const from = Math.max(0, held.length - 1);
        const fresh = await service.timeFrames(runId, from);
        if (stopped) return;
        if (fresh.length > 0) {
          held = [...held.slice(0, from), ...fresh];
          setFrames({ runId, list: held });
        }
      } catch {
        // A run the service no longer knows (an interrupted one on disk) has no frames to show.
      }
      if (!stopped && live) timer = setTimeout(() => void fetchOnce(), POLL_MS);
    };
    void fetchOnce();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
    // frames is read only to keep what was fetched before a live → finished switch
  }, [service, runId, enabled, live]);

  return frames.runId === runId ? frames.list : NONE;
}
