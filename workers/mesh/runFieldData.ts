/**
 * A saved run's solution handed to a mesh mover (main/runs/runField.ts reads the run folder): the
 * values of one quantity on the run's regular snapshot grid, one frame (its final field) or one
 * per saved time (a time-stepping run's series), with the run domain's disks.
 */
import type { HoleSpec } from '../config/schema';
import type { GridAxis } from './gridField';

export interface RunFieldFrame {
  /** The time of a series frame. */
  t?: number;
  /** The frame's grid (a run's final field is on a finer grid than its series). */
  axes: [GridAxis, GridAxis];
  values: Float64Array;
}

export interface RunFieldData {
  /** The run folder's name. */
  run: string;
  /** The quantity: an unknown's name, 'speed', or the snapshot's own field. */
  quantity: string;
  frames: RunFieldFrame[];
  holes: HoleSpec[];
}

/** What a run takes besides its config (read by the main side before the run starts). */
export interface RunInputs {
  meshField?: RunFieldData;
}
