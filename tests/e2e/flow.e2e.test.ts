/**
 * The flow views as a user meets them: a short run of the cylinder example ends with streamlines
 * (then velocity arrows) drawn over the three.js field, and the drag/lift history chart with the
 * run's last c_D and c_L. Needs the built renderer and the real workbench.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './serveProcess';
import { describePage, setBudget, waitFor, waitForStatus } from './workbenchPage';
import { workbenchSession } from './workbenchSession';

const RUN_TIMEOUT_MS = 150_000;
const SCREENSHOT = path.join(PROJECT_ROOT, 'test-results', 'e2e-flow.png');

const overlaySegments = async (page: Page) => Number((await page.getByTestId('field-canvas').getAttribute('data-overlay-segments')) ?? 0);

describe.runIf(process.env.WORKBENCH_E2E === '1')('flow views in serve mode', () => {
  const session = workbenchSession('flow');
  let page: Page;
  beforeAll(() => {
    page = session.page;
  });

  it('draws streamlines and arrows over the cylinder field, and the drag/lift history', async () => {
    await page.goto(session.serve.url);
    const picker = page.getByTestId('example-picker');
    await picker.waitFor({ state: 'visible', timeout: 60_000 });
    await waitFor('the cylinder example in the list', async () => (await picker.locator('option[value="cylinder-2d1-pinn"]').count()) > 0, 60_000);
    await picker.selectOption('cylinder-2d1-pinn');
    await setBudget(page, { adam: 30, lbfgs: 0, interior: 300, boundary: 100 });
    await page.getByTestId('run-button').click();
    await waitForStatus(page, 'completed', RUN_TIMEOUT_MS);

    const streamlines = await waitFor('streamlines over the field', async () => (await overlaySegments(page)) > 0 && overlaySegments(page), 30_000, () => describePage(page));
    expect(streamlines).toBeGreaterThan(50);
    await page.getByTestId('mode-flat').click();
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.getByTestId('flow-overlay-select').selectOption('arrows');
    const arrows = await waitFor('arrows over the field', async () => {
      const n = await overlaySegments(page);
      return n !== streamlines && n;
    }, 10_000);
    // Three strokes per arrow on a 20×20 grid, less those inside the cylinder.
    expect(arrows % 3).toBe(0);
    expect(arrows).toBeLessThanOrEqual(1200);
    await page.getByTestId('flow-overlay-select').selectOption('none');
    await waitFor('no overlay', async () => (await overlaySegments(page)) === 0, 10_000);

    await page.getByTestId('problem-metrics-chart').waitFor({ state: 'visible', timeout: 10_000 });
    expect(Number(await page.getByTestId('problem-metrics-chart').getAttribute('data-points'))).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('problem-metrics-latest').textContent()).toMatch(/^cD -?\d.* · cL -?\d/);
    expect(session.pageErrors).toEqual([]);
  });
});
