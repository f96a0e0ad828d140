/** What every end-to-end file starts from: a serve process on a fresh runs root, Chromium, and one page. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServe, type ServeProcess } from './serveProcess';
import { launchChromium } from './workbenchPage';

export interface WorkbenchSession {
  runsDir: string;
  serve: ServeProcess;
  browser: Browser;
  page: Page;
  /** The page's uncaught errors so far. */
  pageErrors: string[];
}

/** Registers the describe block's beforeAll / afterAll; the fields are there from its first test on. */
export function workbenchSession(name: string, viewport = { width: 1440, height: 900 }): WorkbenchSession {
  const session = { pageErrors: [] as string[] } as WorkbenchSession;
  beforeAll(async () => {
    session.runsDir = await mkdtemp(path.join(tmpdir(), `workbench-e2e-${name}-`));
    session.serve = await startServe(['--port', '0', '--runs', session.runsDir], 150_000);
    session.browser = await launchChromium();
    session.page = await session.browser.newPage({ viewport });
    session.page.on('pageerror', (error) => session.pageErrors.push(error.message));
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.serve?.stop();
    if (session.runsDir) await rm(session.runsDir, { recursive: true, force: true });
  });
  return session;
}
