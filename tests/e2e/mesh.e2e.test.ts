/**
 * The mesh mover in the app, against the real workbench in serve mode: a small classical
 * mesh-mover example runs; the moved mesh is drawn over the field (edges, and cells by quality
 * on request) and the side-by-side of the uniform and moved meshes shows their interpolation
 * errors. Needs the built renderer.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './serveProcess';
import { waitFor, waitForStatus } from './workbenchPage';
import { workbenchSession } from './workbenchSession';

describe.runIf(process.env.WORKBENCH_E2E === '1')('mesh mover in serve mode', () => {
  const session = workbenchSession('mesh', { width: 1440, height: 1000 });
  let page: Page;
  beforeAll(() => {
    page = session.page;
  });

  it('draws the moved mesh over the field and compares it with the uniform mesh', async () => {
    await page.goto(session.serve.url);
    const picker = page.getByTestId('example-picker');
    await picker.waitFor({ state: 'visible', timeout: 60_000 });
    await waitFor('the tanh-front example', async () => (await picker.locator('option[value="tanh-front-mesh-classical"]').count()) > 0, 60_000);
    await picker.selectOption('tanh-front-mesh-classical');
    await waitFor('the run button', () => page.getByTestId('run-button').isEnabled(), 60_000);
    await page.getByTestId('run-button').click();
    // The overlay comes with the live snapshots, while the mesh moves.
    await page.getByTestId('mesh-edges').waitFor({ state: 'visible', timeout: 120_000 });
    await waitForStatus(page, 'completed', 240_000);

    expect(await page.getByTestId('mesh-edges').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('mesh-quality').click();
    expect(await page.getByTestId('mesh-quality').getAttribute('aria-pressed')).toBe('true');

    await page.getByTestId('mesh-comparison').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.getByTestId('mesh-thumbnail-uniform').count()).toBe(1);
    expect(await page.getByTestId('mesh-thumbnail-classical').count()).toBe(1);
    const uniform = Number(/relL2 ([\d.e+-]+)/.exec((await page.getByTestId('mesh-error-uniform').textContent()) ?? '')?.[1]);
    const classical = Number(/relL2 ([\d.e+-]+)/.exec((await page.getByTestId('mesh-error-classical').textContent()) ?? '')?.[1]);
    expect(uniform / classical).toBeGreaterThan(3);
    await page.screenshot({ path: path.join(PROJECT_ROOT, 'test-results', 'e2e-mesh.png') });
    expect(session.pageErrors).toEqual([]);
  }, 420_000);
});
