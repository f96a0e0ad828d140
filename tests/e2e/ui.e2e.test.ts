/**
 * The whole app as a user meets it in serve mode: the CLI prints its URL, Chromium opens it, the
 * Poisson example runs to completion (loss curve, relative L2 error, field drawn), and a longer
 * run is paused, resumed and cancelled. Needs the built renderer and the real workbench.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparePixels } from './pixels';
import { PROJECT_ROOT, startServe, type ServeProcess } from './serveProcess';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SCREENSHOT = path.join(PROJECT_ROOT, 'test-results', 'e2e-ui.png');
const RUN_TIMEOUT_MS = 150_000;

/** Polls `probe` until it returns a value other than undefined/false; the error says what was last seen. */
async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs: number,
  seen: () => Promise<string>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${await seen()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function runStatus(page: Page): Promise<string> {
  return ((await page.getByTestId('run-status').textContent()) ?? '').trim().toLowerCase();
}

async function lossPoints(page: Page): Promise<number> {
  return Number((await page.getByTestId('loss-chart').getAttribute('data-points')) ?? 0);
}

async function describePage(page: Page): Promise<string> {
  return `run-status '${await runStatus(page).catch(() => '?')}', loss-chart data-points ${await lossPoints(page).catch(() => NaN)}`;
}

async function waitForStatus(page: Page, wanted: string, timeoutMs: number): Promise<void> {
  await waitFor(
    `run-status '${wanted}'`,
    async () => {
      const status = await runStatus(page);
      if (status.includes('failed') && wanted !== 'failed') throw new Error(`the run failed: ${status}`);
      return status.includes(wanted);
    },
    timeoutMs,
    () => describePage(page),
  );
}

/** Picks the first example whose id or title matches, preferring the 2D Poisson PINN. */
async function chooseExample(page: Page, patterns: RegExp[]): Promise<void> {
  const picker = page.getByTestId('example-picker');
  await picker.waitFor({ state: 'visible', timeout: 60_000 });
  if ((await picker.evaluate((el) => el.tagName)) === 'SELECT') {
    const options = await waitFor(
      'the example list',
      async () => {
        const found = await picker
          .locator('option')
          .evaluateAll((els) => els.map((el) => ({ value: (el as HTMLOptionElement).value, label: el.textContent ?? '' })));
        return found.some((o) => patterns.some((p) => p.test(o.value) || p.test(o.label))) && found;
      },
      30_000,
      async () => `options: ${await picker.locator('option').allTextContents()}`,
    );
    const pattern = patterns.find((p) => options.some((o) => p.test(o.value) || p.test(o.label)))!;
    await picker.selectOption(options.find((o) => pattern.test(o.value) || pattern.test(o.label))!.value);
  } else {
    for (const pattern of patterns) {
      const entry = picker.getByText(pattern).first();
      if ((await entry.count()) > 0) {
        await entry.click();
        return;
      }
    }
    throw new Error(`no example in the picker matches ${patterns.join(' or ')}`);
  }
}

/** Fewer collocation points than the example's keep a CI run to seconds on two cores. */
async function setBudget(page: Page, adam: number, lbfgs: number): Promise<void> {
  await page.getByTestId('input-adam-iterations').fill(String(adam));
  await page.getByTestId('input-lbfgs-iterations').fill(String(lbfgs));
  await page.getByTestId('input-interior').fill('500');
  await page.getByTestId('input-boundary').fill('200');
  await page.getByTestId('input-boundary').press('Tab');
}

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
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
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
    await chooseExample(page, [/^poisson2d-pinn(\.json)?$/i, /poisson.?2d[^c]*pinn/i]);
    await setBudget(page, 150, 0);

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
    await setBudget(page, 100_000, 0);
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
