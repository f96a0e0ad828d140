/** Messages between a data-parallel PINN loss (shardedPinnLoss.ts) and its compute threads (lossShardThread.ts). */
import type { RunConfig } from '../config/schema';
import type { JetPrecision } from '../engine/wasmJet/kernels';

export type ShardRequest =
  | { kind: 'init'; config: RunConfig; precision: JetPrecision; interior: Float64Array; interiorCount: number }
  | { kind: 'points'; interior: Float64Array; interiorCount: number }
  | { kind: 'evaluate'; theta: Float64Array };

export type ShardReply =
  | { kind: 'evaluated'; loss: number; terms: Record<string, number>; grad: Float64Array }
  | { kind: 'failed'; message: string };

/** What the thread is given at start: its end of the request channel and the reply flag. */
export interface ShardThreadData {
  port: MessagePort;
  /** Int32Array(1) over a SharedArrayBuffer: REPLIED once a reply is on the port. */
  flag: SharedArrayBuffer;
}

export const WORKING = 0;
export const REPLIED = 1;
