/**
 * The analysis views against the real workbench in serve mode: a small Poisson run, then a
 * second one whose trajectory joins the first's on one PCA plane while it trains, a landscape
 * centred on a trajectory snapshot (computed in a worker), the roughness index, and the
 * comparison of both runs. Needs the built renderer.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './serveProcess';
import { choosePoissonExample, runStatus, setBudget, waitFor, waitForStatus } from './workbenchPage';
import { workbenchSession } from './workbenchSession';

const points = async (page: Page, testId: string) => Number((await page.getByTestId(testId).getAttribute('data-points')) ?? 0);
const attribute = async (page: Page, testId: string, name: string) => (await page.getByTestId(testId).getAttribute(name)) ?? '';

describe.runIf(process.env.WORKBENCH_E2E === '1')('analysis views in serve mode', () => {
  const session = workbenchSession('analysis');
  let page: Page;
  beforeAll(() => {
    page = session.page;
  });

  it('shows the trajectory, computes a landscape and the roughness index, and compares runs', async () => {
    await page.goto(session.serve.url);
    await choosePoissonExample(page);
    await setBudget(page, { adam: 80, lbfgs: 10, interior: 300, boundary: 100 });
    await page.getByTestId('run-button').click();
    await waitForStatus(page, 'completed', 150_000);

    // A second run of the same problem: its trajectory and the first's on one plane, while it trains.
    await setBudget(page, { adam: 250, lbfgs: 10, interior: 300, boundary: 100 });
    await page.getByTestId('run-button').click();
    await waitFor('the second run', async () => (await page.getByTestId('run-item').count()) === 2, 60_000);
    await page.getByRole('button', { name: 'Analysis' }).click();
    await waitFor('the trajectory', async () => (await points(page, 'trajectory-plane')) >= 2, 60_000);
    await page.getByTestId('trajectory-runs').getByRole('checkbox', { checked: false }).first().check();
    await waitFor('both runs on one plane', async () => (await attribute(page, 'trajectory-3d', 'data-paths')) === '2', 30_000);
    const first = await points(page, 'trajectory-plane');
    await waitFor('the live trajectory to grow', async () => (await runStatus(page)).includes('completed') || (await points(page, 'trajectory-plane')) > first, 60_000);
    expect(await page.getByTestId('trajectory-caption').textContent()).toMatch(/^2 runs, \d+ parameters; PCA of all their snapshots explains/);
    await waitForStatus(page, 'completed', 150_000);
    await page.screenshot({ path: path.join(PROJECT_ROOT, 'test-results', 'e2e-analysis-trajectories.png') });

    await page.getByRole('tab', { name: 'landscape' }).click();
    const snapshot = await page.getByRole('combobox', { name: 'centre' }).locator('option', { hasText: 'snapshot at iteration' }).nth(1).getAttribute('value');
    await page.getByRole('combobox', { name: 'centre' }).selectOption(snapshot!);
    await page.getByRole('spinbutton', { name: 'grid' }).fill('9');
    await page.getByRole('button', { name: 'Compute landscape' }).click();
    await waitFor('the landscape', async () => (await points(page, 'landscape-contour')) === 81, 120_000);
    expect(await page.getByTestId('landscape-centre').textContent()).toContain(`around the trajectory snapshot of iteration ${snapshot}`);
    await page.screenshot({ path: path.join(PROJECT_ROOT, 'test-results', 'e2e-analysis-landscape.png') });

    await page.getByRole('tab', { name: 'roughness' }).click();
    await page.getByRole('spinbutton', { name: 'directions' }).fill('3');
    await page.getByRole('spinbutton', { name: 'trajectory points' }).fill('2');
    await page.getByRole('combobox', { name: 'centre' }).selectOption('final');
    await page.getByRole('button', { name: 'Compute roughness' }).click();
    await waitFor('the roughness index', async () => (await page.getByTestId('roughness-value').count()) > 0, 150_000);
    expect(await page.getByTestId('roughness-value').textContent()).toMatch(/roughness index at the final parameters \d+\.\d{4}/);

    await page.getByRole('tab', { name: 'compare' }).click();
    await waitFor('the comparison', async () => (await page.locator('.comparison-table tbody tr').count()) === 2, 30_000);
    expect(await page.getByTestId('compare-error-field').count()).toBe(2);
    await page.screenshot({ path: path.join(PROJECT_ROOT, 'test-results', 'e2e-analysis-compare.png') });

    const folders = await readdir(session.runsDir);
    const files = (await Promise.all(folders.map((f) => readdir(path.join(session.runsDir, f))))).flat();
    for (const name of ['trajectory.json', 'trajectory.f64', 'landscape.json', 'landscape.png', 'landscape.vtu', 'roughness.json']) expect(files).toContain(name);
    expect(session.pageErrors).toEqual([]);
  }, 420_000);
});
