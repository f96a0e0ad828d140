/**
 * Per-run history kept on the page: the metrics rows received so far, the poll cursor, the
 * latest field snapshot and summary. Switching the selected run is instant because nothing is
 * fetched again. Rows are appended in place; a version number tells React what changed, so
 * thousands of rows are never copied on every poll.
 */
import { FINISHED_STATUSES, type FieldSnapshot, type MetricsRow, type RunSummary, type RunUpdate } from '../../../workers/protocol/service';

export interface RunHistory {
  readonly id: string;
  /** Appended in place; read together with `version`. */
  readonly rows: MetricsRow[];
  cursor: number;
  snapshotVersion: number;
  snapshot?: FieldSnapshot;
  summary?: RunSummary;
  /** True once a finished run has delivered its last rows: no more polling. */
  drained: boolean;
  /** The last poll's failure, cleared by the next success. */
  error?: string;
  /** Bumps on every change of this history. */
  version: number;
}

export function isFinished(summary: RunSummary | undefined): boolean {
  return summary !== undefined && FINISHED_STATUSES.includes(summary.status);
}

export class RunStore {
  private listeners = new Set<() => void>();
  private histories = new Map<string, RunHistory>();
  private runList: RunSummary[] = [];
  private selected: string | undefined;
  private version = 0;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getVersion = (): number => this.version;

  get selectedId(): string | undefined {
    return this.selected;
  }

  /** The runs list, each entry replaced by the fresher summary a poll brought, if any. */
  get runs(): readonly RunSummary[] {
    return this.runList;
  }

  history(id: string): RunHistory {
    let history = this.histories.get(id);
    if (!history) {
      history = { id, rows: [], cursor: 0, snapshotVersion: 0, drained: false, version: 0 };
      this.histories.set(id, history);
    }
    return history;
  }

  selectedHistory(): RunHistory | undefined {
    return this.selected === undefined ? undefined : this.history(this.selected);
  }

  selectedSummary(): RunSummary | undefined {
    if (this.selected === undefined) return undefined;
    return this.runList.find((run) => run.id === this.selected) ?? this.histories.get(this.selected)?.summary;
  }

  select(id: string | undefined): void {
    if (id === this.selected) return;
    this.selected = id;
    this.changed();
  }

  setRuns(list: readonly RunSummary[]): void {
    this.runList = list.map((run) => {
      const polled = this.histories.get(run.id)?.summary;
      return polled && isNewer(polled, run) ? polled : run;
    });
    this.changed();
  }

  /** A run the page just started, shown before the next list refresh. */
  addRun(summary: RunSummary): void {
    this.setRuns([...this.runList.filter((run) => run.id !== summary.id), summary]);
  }

  applyUpdate(id: string, update: RunUpdate, requestedCursor: number): void {
    const history = this.history(id);
    if (history.cursor !== requestedCursor) return;
    for (const row of update.rows) history.rows.push(row);
    history.cursor = update.cursor;
    if (update.snapshot) history.snapshot = update.snapshot;
    history.snapshotVersion = update.snapshotVersion;
    history.summary = update.summary;
    history.error = undefined;
    history.drained = isFinished(update.summary) && update.rows.length === 0 && !update.snapshot;
    history.version += 1;
    this.runList = this.runList.some((run) => run.id === id)
      ? this.runList.map((run) => (run.id === id ? update.summary : run))
      : [...this.runList, update.summary];
    this.changed();
  }

  /** Drops what was fetched of a run that starts over from a checkpoint: its rows come again from the resumed run. */
  forget(id: string): void {
    this.histories.delete(id);
    this.changed();
  }

  setError(id: string, message: string): void {
    const history = this.history(id);
    history.error = message;
    history.version += 1;
    this.changed();
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

/** Whether a polled summary `a` is fresher than the listed `b` (the list answer came later otherwise). */
function isNewer(a: RunSummary, b: RunSummary): boolean {
  return !isFinished(b) && b.status !== 'paused' && a.iteration > b.iteration;
}
