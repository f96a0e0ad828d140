/**
 * The page's connection to compute as a small observable: connecting, ready (with the service),
 * failed to connect, or lost after being ready. Started once, before React mounts, so a
 * development double-mount never opens a second channel.
 */
import { openWorkbench, type WorkbenchConnection } from './openWorkbench';

export type ConnectionPhase =
  | { phase: 'connecting' }
  | { phase: 'ready'; connection: WorkbenchConnection }
  | { phase: 'failed'; message: string }
  | { phase: 'lost'; connection: WorkbenchConnection; message: string };

export class ConnectionState {
  private current: ConnectionPhase = { phase: 'connecting' };
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = (): ConnectionPhase => this.current;

  start(): this {
    openWorkbench((reason) => {
      const now = this.current;
      if (now.phase === 'ready') this.set({ phase: 'lost', connection: now.connection, message: reason });
    }).then(
      (connection) => this.set({ phase: 'ready', connection }),
      (error: unknown) => this.set({ phase: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return this;
  }

  private set(next: ConnectionPhase): void {
    this.current = next;
    for (const listener of this.listeners) listener();
  }
}
