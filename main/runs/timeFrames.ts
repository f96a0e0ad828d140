/**
 * The fields of a time-stepping run (TENG) at each saved time: the run's "movie", kept by the
 * live run for the UI's time slider and written to the run folder as timeFrames.json with the
 * error field (prediction − exact) beside each prediction.
 */
import type { FieldSnapshot } from '../../workers/protocol/service';

export const TIME_FRAMES_FILE = 'timeFrames.json';

const frameTime = (frame: FieldSnapshot): number | undefined => frame.fixed.t;

/** Frames in time order; a frame at the time of the last one replaces it (the initial fit improves the t = 0 frame). */
export class TimeFrames {
  private readonly frames: FieldSnapshot[] = [];

  add(frame: FieldSnapshot): void {
    const last = this.frames.at(-1);
    if (last && frameTime(last) === frameTime(frame)) this.frames[this.frames.length - 1] = frame;
    else this.frames.push(frame);
  }

  get count(): number {
    return this.frames.length;
  }

  /** The frames from index `from` on (a caller re-reads its last one, which may have been replaced). */
  from(from: number): FieldSnapshot[] {
    return this.frames.slice(Math.max(0, from));
  }

  /** The JSON written to the run folder. */
  file(): object {
    const first = this.frames[0];
    return {
      format: 'pde-workbench-time-frames/1',
      unknown: first?.unknown,
      axes: first?.axes,
      frames: this.frames.map((frame) => ({
        t: frameTime(frame),
        iteration: frame.iteration,
        prediction: Array.from(frame.prediction),
        exact: frame.exact && Array.from(frame.exact),
        error: frame.exact && Array.from(frame.prediction, (v, i) => v - frame.exact![i]),
      })),
    };
  }
}
