/**
 * The fields of a time-stepping run (TENG) at each saved time: the run's "movie", kept by the
 * live run for the UI's time slider and written to the run folder as timeFrames.json (times,
 * grid, layout) and timeFrames.f32 (little-endian float32: per frame the prediction, then the
 * error prediction − exact where the exact or reference field is known, each axes[0].n × axes[1].n
 * row-major with the first axis fastest).
 */
import type { FieldSnapshot } from '../../workers/protocol/service';

export const TIME_FRAMES_HEADER = 'timeFrames.json';
export const TIME_FRAMES_VALUES = 'timeFrames.f32';

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

  /** The header (JSON) and the values (float32 bytes) written to the run folder. */
  files(): { header: object; values: Uint8Array } {
    const arrays: Float32Array[] = [];
    let offset = 0;
    const frames = this.frames.map((frame) => {
      const entry = { t: frameTime(frame), iteration: frame.iteration, prediction: offset, error: undefined as number | undefined };
      arrays.push(frame.prediction);
      offset += frame.prediction.length;
      if (frame.exact) {
        arrays.push(Float32Array.from(frame.prediction, (v, i) => v - frame.exact![i]));
        entry.error = offset;
        offset += frame.prediction.length;
      }
      return entry;
    });
    const values = new Float32Array(offset);
    let at = 0;
    for (const array of arrays) {
      values.set(array, at);
      at += array.length;
    }
    const first = this.frames[0];
    const header = { format: 'pde-workbench-time-frames/1', values: TIME_FRAMES_VALUES, unknown: first?.unknown, axes: first?.axes, frames };
    return { header, values: new Uint8Array(values.buffer) };
  }
}
