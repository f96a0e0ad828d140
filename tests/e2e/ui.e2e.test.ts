/**
 * The whole app as a user meets it in serve mode: the CLI prints its URL, Chromium opens it, the
 * Poisson example runs to completion (loss curve, relative L2 error, field drawn), and a longer
 * run is paused, resumed and cancelled. Needs the built renderer and the real workbench.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparePixels } from './pixels';
import { PROJECT_ROOT, startServe, type ServeProcess } from './serveProcess';
import { choosePoissonExample, describePage, launchChromium, lossPoints, setBudget, waitFor, waitForStatus } from './workbenchPage';

const SCREENSHOT = path.join(PROJECT_ROOT, 'test-results', 'e2e-ui.png');
const RUN_TIMEOUT_MS = 150_000;

describe.runIf(process.env.WORKBENCH_E2E === '1')('workbench UI in serve mode', () => {
  let runsDir: string;
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    runsDir = await mkdtemp(path.join(tmpdir(), 'workbench-e2e-runs-'));
    serve = await startServe(['--port', '0', '--runs', runsDir], 150_000);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await rm(runsDir, { recursive: true, force: true });
  });

  it('prints exactly one URL line and refuses requests without the token', async () => {
    expect(serve!.stdoutLines).toEqual([`Workbench UI: ${serve!.url}`]);
    const { origin } = new URL(serve!.url);
    expect((await fetch(`${origin}/`)).status).toBe(401);
    expect((await fetch(`${origin}/?token=${'0'.repeat(64)}`)).status).toBe(401);
    expect((await fetch(serve!.url)).status).toBe(200);
  });

  it('runs the Poisson example to completion: loss curve, finite relative L2 error, field drawn', async () => {
    await page.goto(serve!.url);
    await choosePoissonExample(page);
    await setBudget(page, { adam: 150, lbfgs: 0, interior: 500, boundary: 200 });

    // Exact periodicity on a box that is not periodic: the JSON gains the key, the validator names it, Run waits.
    const periodic = page.getByTestId('input-periodic-embedding');
    await periodic.check();
    await waitFor('the periodic-embedding issue', async () => (await page.getByTestId('config-issues').textContent())?.includes('network.periodicEmbedding: needs a periodic domain'), 30_000, () => describePage(page));
    expect(await page.getByTestId('config-json').inputValue()).toContain('"periodicEmbedding": true');
    expect(await page.getByTestId('run-button').isEnabled()).toBe(false);
    await periodic.uncheck();
    await waitFor('the run button', () => page.getByTestId('run-button').isEnabled(), 30_000);
    expect(await page.getByTestId('config-json').inputValue()).not.toContain('periodicEmbedding');

    const canvas = page.getByTestId('field-canvas');
    await canvas.waitFor({ state: 'visible', timeout: 30_000 });
    const before = await canvas.screenshot();

    await page.getByTestId('run-button').click();
    await waitFor('loss points', async () => (await lossPoints(page)) > 0, RUN_TIMEOUT_MS, () => describePage(page));
    await waitForStatus(page, 'completed', RUN_TIMEOUT_MS);

    const relL2Text = (await page.getByTestId('rel-l2').textContent()) ?? '';
    const relL2 = Number(/[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?/i.exec(relL2Text)?.[0]);
    expect(Number.isFinite(relL2), `rel-l2 reads '${relL2Text}'`).toBe(true);

    const after = await waitFor(
      'the field canvas to change',
      async () => {
        const shot = await canvas.screenshot();
        return (await comparePixels(browser!, before, shot)).differing > 0 && shot;
      },
      15_000,
      () => describePage(page),
    );
    const comparison = await comparePixels(browser!, before, after);
    expect(comparison.differing).toBeGreaterThan(0);
    expect(comparison.distinctColoursAfter).toBeGreaterThan(1);

    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('pauses, resumes and cancels a longer run', async () => {
    await setBudget(page, { adam: 100_000, lbfgs: 0, interior: 500, boundary: 200 });
    await page.getByTestId('run-button').click();
    await waitForStatus(page, 'running', 60_000);
    const started = await waitFor('the second run to report losses', async () => {
      const points = await lossPoints(page);
      return points > 0 && points;
    }, 60_000, () => describePage(page));

    await page.getByTestId('pause-button').click();
    await waitForStatus(page, 'paused', 10_000);
    const paused = await lossPoints(page);

    await page.getByTestId('resume-button').click();
    await waitForStatus(page, 'running', 10_000);
    await waitFor('more loss points after resuming', async () => (await lossPoints(page)) > Math.max(paused, started), 30_000, () =>
      describePage(page),
    );

    await page.getByTestId('cancel-button').click();
    await waitForStatus(page, 'cancelled', 10_000);
    expect(await page.getByTestId('run-item').count()).toBeGreaterThanOrEqual(2);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const code = await serve!.stop();
    expect(code, serve!.stderr()).toBe(0);
    expect(serve!.stdoutLines).toHaveLength(1);
  });
});
