/**
 * Resume in the UI (serve mode, the real workbench): a cancelled run keeps its checkpoint, and
 * Resume continues it in the same folder from there, with its loss history.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from './serveProcess';

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const status = async (page: Page) => ((await page.getByTestId('run-status').textContent()) ?? '').trim().toLowerCase();
const lossPoints = async (page: Page) => Number((await page.getByTestId('loss-chart').getAttribute('data-points')) ?? 0);

describe.runIf(process.env.WORKBENCH_E2E === '1')('Resume button', () => {
  let runsDir: string;
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    runsDir = await mkdtemp(path.join(tmpdir(), 'workbench-e2e-resume-'));
    serve = await startServe(['--port', '0', '--runs', runsDir], 150_000);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-first-run'] });
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await rm(runsDir, { recursive: true, force: true });
  });

  it('continues a cancelled run from its checkpoint in the same folder', async () => {
    const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve!.url);
    await page.getByTestId('input-adam-iterations').fill('100000');
    await page.getByTestId('input-lbfgs-iterations').fill('0');
    await page.getByTestId('input-interior').fill('300');
    await page.getByTestId('input-boundary').fill('100');
    await page.getByTestId('input-boundary').press('Tab');
    await page.getByTestId('run-button').click();
    await until('loss points', async () => (await lossPoints(page)) > 0, 120_000);
    expect(await page.getByTestId('resume-button').isDisabled()).toBe(true);

    await page.getByTestId('cancel-button').click();
    await until('cancelled', async () => (await status(page)).includes('cancelled'), 20_000);
    const [folder] = await readdir(runsDir);
    await until('checkpoint.json', async () => (await readdir(path.join(runsDir, folder))).includes('checkpoint.json'), 20_000);
    const before = await lossPoints(page);

    await page.getByTestId('resume-button').click();
    await until('running again', async () => {
      const alert = await page.getByRole('alert').allTextContents();
      if (alert.length > 0) throw new Error(`Resume failed: ${alert.join('; ')}`);
      return (await status(page)).includes('running');
    }, 60_000);
    await until('more loss points than before the cancel', async () => (await lossPoints(page)) > before, 60_000);
    await page.getByTestId('cancel-button').click();
    await until('cancelled again', async () => (await status(page)).includes('cancelled'), 20_000);
    expect(await readdir(runsDir)).toEqual([folder]);
    expect(await page.getByTestId('run-item').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
