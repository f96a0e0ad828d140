/**
 * Many loss evaluations in a row, as one cancellable job: yields to the event loop every few
 * tens of milliseconds so a worker still hears cancel (and a training in the same thread keeps
 * stepping), and reports progress at each yield.
 */

export type LossAt = (theta: Float64Array) => number;

export interface CancelToken {
  readonly cancelled: boolean;
}

export interface SweepControl {
  onProgress?: (done: number, total: number) => void;
  cancel?: CancelToken;
}

export class CancelledError extends Error {
  constructor(what: string, done: number, total: number) {
    super(`${what} cancelled after ${done} of ${total} loss evaluations`);
    this.name = 'CancelledError';
  }
}

const YIELD_MS = 40;
const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** values[k] = evaluate(k) for k < count; throws CancelledError when the token is set. */
export async function sweep(what: string, count: number, evaluate: (k: number) => number, control: SweepControl = {}): Promise<Float64Array> {
  const values = new Float64Array(count);
  let lastYield = performance.now();
  for (let k = 0; k < count; k++) {
    if (control.cancel?.cancelled) throw new CancelledError(what, k, count);
    values[k] = evaluate(k);
    if (performance.now() - lastYield >= YIELD_MS) {
      control.onProgress?.(k + 1, count);
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  if (control.cancel?.cancelled) throw new CancelledError(what, count, count);
  control.onProgress?.(count, count);
  return values;
}
