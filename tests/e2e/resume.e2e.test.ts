/**
 * Resume in the UI (serve mode, the real workbench): a cancelled run keeps its checkpoint, and
 * Resume continues it in the same folder from there, with its loss history.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { choosePoissonExample, lossPoints, runStatus, setBudget, waitFor } from './workbenchPage';
import { workbenchSession } from './workbenchSession';

describe.runIf(process.env.WORKBENCH_E2E === '1')('Resume button', () => {
  const session = workbenchSession('resume');

  it('continues a cancelled run from its checkpoint in the same folder', async () => {
    const { page, pageErrors } = session;
    await page.goto(session.serve.url);
    await choosePoissonExample(page);
    await setBudget(page, { adam: 100_000, lbfgs: 0, interior: 300, boundary: 100 });
    await page.getByTestId('run-button').click();
    await waitFor('loss points', async () => (await lossPoints(page)) > 0, 120_000);
    expect(await page.getByTestId('resume-button').isDisabled()).toBe(true);

    await page.getByTestId('cancel-button').click();
    await waitFor('cancelled', async () => (await runStatus(page)).includes('cancelled'), 20_000);
    const [folder] = await readdir(session.runsDir);
    await waitFor('checkpoint.json', async () => (await readdir(path.join(session.runsDir, folder))).includes('checkpoint.json'), 20_000);
    const before = await lossPoints(page);

    await page.getByTestId('resume-button').click();
    await waitFor('running again', async () => {
      const alert = await page.getByRole('alert').allTextContents();
      if (alert.length > 0) throw new Error(`Resume failed: ${alert.join('; ')}`);
      return (await runStatus(page)).includes('running');
    }, 60_000);
    await waitFor('more loss points than before the cancel', async () => (await lossPoints(page)) > before, 60_000);
    await page.getByTestId('cancel-button').click();
    await waitFor('cancelled again', async () => (await runStatus(page)).includes('cancelled'), 20_000);
    expect(await readdir(session.runsDir)).toEqual([folder]);
    expect(await page.getByTestId('run-item').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
