/**
 * TENG in the UI (serve mode, the real workbench): a tiny time-stepping run keeps its field at
 * each saved time, and the time slider shows them: moving it changes the time and the field drawn.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePixels } from './pixels';
import { describePage, waitFor, waitForStatus } from './workbenchPage';
import { workbenchSession } from './workbenchSession';

// Diffusion 1 and two modes that decay at different rates (e^{−2t}, e^{−9t}): the field's shape
// changes visibly within the four steps of 0.05.
const TINY_TENG = {
  name: 'teng-e2e',
  problem: {
    kind: 'custom',
    domain: { type: 'box', min: [0, 0], max: [2 * Math.PI, 2 * Math.PI], time: [0, 0.2], periodic: true },
    equation: 'u_t = u_xx + u_yy',
    initial: { value: 'sin(x)*sin(y) + cos(3*x)' },
    exact: 'exp(-2*t)*sin(x)*sin(y) + exp(-9*t)*cos(3*x)',
  },
  method: { name: 'teng', integrator: 'euler', dt: 0.05, iterations: 2, subset: 64, points: 12, fitIterations: 30, fitSubset: 64 },
  network: { hidden: [8, 8] },
  evaluation: { every: 1, grid: 16, snapshot: 24 },
  budget: { seconds: 120 },
  seed: 1,
};

describe.runIf(process.env.WORKBENCH_E2E === '1')('TENG time slider', () => {
  const session = workbenchSession('teng');

  it('shows the field at each saved time: the slider moves, the time and the field change, play runs to the end', async () => {
    const { page, pageErrors } = session;
    await page.goto(session.serve.url);
    // The example list first, so a late list cannot replace the config typed below.
    await waitFor('the example list', async () => (await page.getByTestId('example-picker').locator('option').count()) > 1, 60_000);
    await page.getByTestId('config-json').fill(JSON.stringify(TINY_TENG, null, 2));
    await waitFor('the run button', () => page.getByTestId('run-button').isEnabled(), 60_000);
    await page.getByTestId('run-button').click();
    await waitForStatus(page, 'completed', 150_000);

    const slider = page.getByTestId('time-slider');
    const label = page.getByTestId('time-label');
    // t = 0 (after the fit) and the four steps.
    await waitFor('five saved times', async () => (await slider.getAttribute('max')) === '4' && (await label.textContent())?.includes('5 of 5'), 30_000, async () => `${await describePage(page)}, label '${await label.textContent().catch(() => '')}'`);
    expect(await label.textContent()).toContain('t = 0.2');
    const canvas = page.getByTestId('field-canvas');
    const last = await canvas.screenshot();
    const lastIteration = await canvas.getAttribute('data-iteration');

    await slider.focus();
    await slider.press('Home');
    await waitFor('the slider at t = 0', async () => (await label.textContent())?.startsWith('t = 0 ('), 10_000);
    expect(await slider.inputValue()).toBe('0');
    expect(await canvas.getAttribute('data-iteration')).toBe('30');
    expect(await canvas.getAttribute('data-iteration')).not.toBe(lastIteration);
    await page.getByTestId('field-caption').filter({ hasText: 't = 0' }).waitFor({ timeout: 10_000 });
    const first = await waitFor(
      'the field drawn at t = 0 to differ from t = 0.2',
      async () => {
        const shot = await canvas.screenshot();
        return (await comparePixels(session.browser, last, shot)).differing > 0 && shot;
      },
      15_000,
    );
    expect((await comparePixels(session.browser, last, first)).distinctColoursAfter).toBeGreaterThan(1);

    // The error field at that time, then play through to the last saved time.
    await page.getByTestId('view-select').selectOption('error');
    expect(await canvas.getAttribute('data-view')).toBe('error');
    await page.getByTestId('time-play').click();
    await waitFor('play to reach the last saved time', async () => (await label.textContent())?.includes('5 of 5') && (await page.getByTestId('time-play').getAttribute('aria-pressed')) === 'false', 15_000);
    expect(await slider.inputValue()).toBe('4');

    const [folder] = await readdir(session.runsDir);
    expect(await readdir(path.join(session.runsDir, folder))).toEqual(expect.arrayContaining(['timeFrames.json', 'timeFrames.f32']));
    expect(pageErrors).toEqual([]);
  });
});
