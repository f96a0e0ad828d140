/**
 * Keeps the run store current: the selected run's new rows and snapshot about four times a
 * second, the runs list about once a second. One request per loop at a time (the next is
 * scheduled when the last answered), slower while the page is hidden, and a request that never
 * answers is abandoned after a while so a stalled channel cannot freeze the views.
 */
import type { WorkbenchService } from '../../../workers/protocol/service';
import { errorText, withTimeout } from '../transport/deadline';
import type { RunStore } from './runStore';

const SELECTED_MS = 250;
const LIST_MS = 1000;
const HIDDEN_MS = 2000;
const ERROR_MS = 2000;
const REQUEST_TIMEOUT_MS = 20_000;

export class RunPoller {
  private stopped = true;
  private readonly timers: Record<'list' | 'selected', ReturnType<typeof setTimeout> | undefined> = {
    list: undefined,
    selected: undefined,
  };
  private autoSelected = false;

  constructor(
    private readonly service: WorkbenchService,
    private readonly store: RunStore,
    private readonly onListError: (message: string | undefined) => void,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.listLoop();
    void this.selectedLoop();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timers.list);
    clearTimeout(this.timers.selected);
  }

  /** Fetches the runs list now (after a start, pause, resume or cancel). */
  async refreshList(): Promise<void> {
    try {
      const list = await withTimeout(this.service.runs(), REQUEST_TIMEOUT_MS, `runs(): no answer after ${REQUEST_TIMEOUT_MS / 1000} s`);
      if (this.stopped) return;
      this.store.setRuns(list);
      this.onListError(undefined);
      if (!this.autoSelected && this.store.selectedId === undefined && list.length > 0) {
        const running = list.find((run) => run.status === 'running' || run.status === 'starting');
        this.store.select((running ?? list[list.length - 1]).id);
      }
      this.autoSelected = true;
    } catch (error) {
      if (!this.stopped) this.onListError(errorText(error));
    }
  }

  private later(loop: 'list' | 'selected', fn: () => void, ms: number): void {
    if (this.stopped) return;
    const delay = typeof document !== 'undefined' && document.hidden ? Math.max(ms, HIDDEN_MS) : ms;
    this.timers[loop] = setTimeout(fn, delay);
  }

  private async listLoop(): Promise<void> {
    await this.refreshList();
    this.later('list', () => void this.listLoop(), LIST_MS);
  }

  private async selectedLoop(): Promise<void> {
    const delay = await this.pollSelected();
    this.later('selected', () => void this.selectedLoop(), delay);
  }

  /** Polls the selected run once; returns how long to wait before the next poll. */
  private async pollSelected(): Promise<number> {
    const history = this.store.selectedHistory();
    if (!history || history.drained) return SELECTED_MS;
    const cursor = history.cursor;
    try {
      const update = await withTimeout(
        this.service.poll(history.id, cursor, history.snapshotVersion),
        REQUEST_TIMEOUT_MS,
        `poll(${history.id}): no answer after ${REQUEST_TIMEOUT_MS / 1000} s`,
      );
      if (this.stopped) return SELECTED_MS;
      this.store.applyUpdate(history.id, update, cursor);
      // A long backlog (a finished run opened from the list) is fetched without waiting.
      return update.rows.length >= 1000 ? 0 : SELECTED_MS;
    } catch (error) {
      if (!this.stopped) this.store.setError(history.id, errorText(error));
      return ERROR_MS;
    }
  }
}
