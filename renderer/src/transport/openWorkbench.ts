/**
 * Picks the channel for this page: the real one, or with `?mock=1` in a plain browser tab the
 * synthetic workbench for UI work without a backend. The mock is a separate chunk loaded only
 * then, and the desktop shell never uses it.
 */
import type { Remote } from 'comlink';
import type { WorkbenchService } from '../../../workers/protocol/service';
import { connectWorkbench, currentShell, type Shell } from './connect';

export interface WorkbenchConnection {
  service: Remote<WorkbenchService>;
  shell: Shell;
  mock: boolean;
}

export function wantsMock(): boolean {
  return currentShell() === 'browser' && new URLSearchParams(window.location.search).get('mock') === '1';
}

export async function openWorkbench(onLost: (reason: string) => void): Promise<WorkbenchConnection> {
  if (wantsMock()) {
    const { connectMockWorkbench } = await import('./mockWorkbench');
    return { service: connectMockWorkbench(), shell: 'browser', mock: true };
  }
  return { service: await connectWorkbench({ onLost }), shell: currentShell(), mock: false };
}
