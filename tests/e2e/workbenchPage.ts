/** What the end-to-end tests do to the workbench page: launch Chromium, wait, read status, pick an example, set a small budget. */
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });

/** Polls `probe` until it returns a value other than undefined/false; the error says what was last seen. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs: number,
  seen: () => Promise<string> = async () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${await seen()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const runStatus = async (page: Page): Promise<string> => ((await page.getByTestId('run-status').textContent()) ?? '').trim().toLowerCase();

export const lossPoints = async (page: Page): Promise<number> => Number((await page.getByTestId('loss-chart').getAttribute('data-points')) ?? 0);

export async function describePage(page: Page): Promise<string> {
  return `run-status '${await runStatus(page).catch(() => '?')}', loss-chart data-points ${await lossPoints(page).catch(() => NaN)}`;
}

/** Waits until the run status contains `wanted`; a failed run throws at once with its message. */
export async function waitForStatus(page: Page, wanted: string, timeoutMs: number): Promise<void> {
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

/**
 * Selects the 2D Poisson PINN example once the example list has arrived. Without this a test
 * would race the list: on a slow machine it arrives after the test has edited the default
 * config, and the first example in the list would be what runs.
 */
export async function choosePoissonExample(page: Page): Promise<void> {
  const picker = page.getByTestId('example-picker');
  await picker.waitFor({ state: 'visible', timeout: 60_000 });
  const id = await waitFor(
    'the Poisson example in the list',
    async () => (await picker.locator('option').evaluateAll((els) => els.map((el) => (el as HTMLOptionElement).value))).find((v) => /^poisson2d-pinn$/i.test(v)),
    60_000,
    async () => `options: ${await picker.locator('option').allTextContents()}`,
  );
  await picker.selectOption(id);
}

/** Fewer iterations and collocation points than the example's keep a CI run to seconds on two cores. */
export async function setBudget(page: Page, budget: { adam: number; lbfgs: number; interior: number; boundary: number }): Promise<void> {
  await page.getByTestId('input-adam-iterations').fill(String(budget.adam));
  await page.getByTestId('input-lbfgs-iterations').fill(String(budget.lbfgs));
  await page.getByTestId('input-interior').fill(String(budget.interior));
  await page.getByTestId('input-boundary').fill(String(budget.boundary));
  await page.getByTestId('input-boundary').press('Tab');
  await waitFor('the run button', () => page.getByTestId('run-button').isEnabled(), 60_000);
}
