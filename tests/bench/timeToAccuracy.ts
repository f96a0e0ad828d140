/** When a run's relL2 first reached a target, read from its metrics rows (relL2 is measured every `evaluation.every` iterations). */

export interface AccuracyRow {
  iteration: number;
  seconds: number;
  relL2?: number;
}

export interface TimeToAccuracy {
  target: number;
  reached: boolean;
  /** At the first row with relL2 ≤ target; null when never reached. */
  seconds: number | null;
  iterations: number | null;
  bestRelL2: number;
  bestAtIteration: number;
  finalRelL2: number | null;
  totalSeconds: number;
  totalIterations: number;
}

export function timeToAccuracy(rows: readonly AccuracyRow[], target: number): TimeToAccuracy {
  const measured = rows.filter((r) => r.relL2 !== undefined && Number.isFinite(r.relL2));
  const first = measured.find((r) => r.relL2! <= target);
  const best = measured.reduce<AccuracyRow | undefined>((b, r) => (b === undefined || r.relL2! < b.relL2! ? r : b), undefined);
  const last = rows.at(-1);
  return {
    target,
    reached: first !== undefined,
    seconds: first?.seconds ?? null,
    iterations: first?.iteration ?? null,
    bestRelL2: best?.relL2 ?? NaN,
    bestAtIteration: best?.iteration ?? 0,
    finalRelL2: measured.at(-1)?.relL2 ?? null,
    totalSeconds: last?.seconds ?? 0,
    totalIterations: last?.iteration ?? 0,
  };
}
