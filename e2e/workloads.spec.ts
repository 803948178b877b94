/**
 * The seeds' workload stories, end to end, on the real controllers: the pi Job, a drain, and a
 * DaemonSet following a node label.
 */
import { expect, type Page, test } from '@playwright/test';
import { action, dialogButton, openApp, openExampleTab, screenshot, terminalText } from './helpers.ts';

/** Run virtual time forward through the engine and wait until the page has painted the result. */
async function advance(page: Page, ms: number): Promise<void> {
  await page.evaluate(async (ms) => {
    await (window as unknown as { __kubesimEngine: { advance(ms: number): Promise<unknown> } }).__kubesimEngine.advance(ms);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }, ms);
}

test('the pi job (completions 3, parallelism 2): two pods Running, then 3/3 Completed', async ({ page }) => {
  await openApp(page, { paused: true });
  await page.getByRole('button', { name: '▶ Apply' }).click();
  const job = page.locator('[data-testid="card-Job"][data-name="pi"]');
  await expect(job).toBeVisible();
  const running = job.locator('.pod-chip[data-status="Running"]');
  // Second by second: parallelism 2 means never more than two pods at once, and two while it works.
  let most = 0;
  let shot = false;
  for (let t = 0; t < 180 && !(await job.getByTestId('job-progress').innerText()).startsWith('3/'); t++) {
    await advance(page, 1000);
    const n = await running.count();
    most = Math.max(most, n);
    if (n === 2 && !shot) {
      await screenshot(page, 'job-running');
      shot = true;
    }
  }
  expect(most).toBe(2);
  await advance(page, 60_000);
  await expect(job.getByTestId('job-progress')).toHaveText('3/3');
  await expect(job.locator('.pod-chip[data-status="Completed"]')).toHaveCount(3);
  await expect(job.getByTestId('job-status')).toContainText('Complete');
  await screenshot(page, 'job-complete');
});

test('drain a node and see its pods move', async ({ page }) => {
  await openApp(page, { paused: true });
  await openExampleTab(page, /Deployment/);
  await page.getByRole('button', { name: '▶ Apply' }).click();
  await page.getByRole('button', { name: '+1m' }).click();
  await page.getByRole('tab', { name: 'Placement' }).click();
  const node = page.locator('[data-testid="card-Node"][data-name="worker-1"]');
  await action(page, node, /Drain/);
  await page.getByRole('dialog').getByRole('button', { name: /Drain/ }).click();
  await expect.poll(() => terminalText(page)).toContain('$ kubectl drain worker-1 --ignore-daemonsets');
  await page.getByRole('button', { name: '+1m' }).click();
  await expect(node.locator('.pod-chip:not(.daemon)')).toHaveCount(0);
  await expect(page.locator('[data-testid="card-Node"] .pod-chip[data-pod^="nginx-deployment"][data-status="Running"]')).toHaveCount(3);
  await screenshot(page, 'drain');
});

test('label a node disk=ssd and see a DaemonSet pod appear on it', async ({ page }) => {
  await openApp(page, { paused: true });
  await openExampleTab(page, /DaemonSet/);
  await page.getByRole('button', { name: '▶ Apply' }).click();
  await page.getByRole('tab', { name: 'Placement' }).click();
  const node = page.locator('[data-testid="card-Node"][data-name="worker-3"]');
  await expect(node.locator('.pod-chip[data-pod^="ssd-monitor"]')).toHaveCount(0);
  await expect(page.getByTestId('problems')).toContainText('No node matches nodeSelector disk=ssd');
  await action(page, node, /Add \/ edit label/);
  await page.locator('input[name="key"]').fill('disk');
  await page.locator('input[name="value"]').fill('ssd');
  await dialogButton(page, 'Run').click();
  await page.getByRole('button', { name: '+1m' }).click();
  await expect(node.locator('.pod-chip.daemon[data-pod^="ssd-monitor"]')).toHaveCount(1);
  // The editor's lint follows the cluster: a node now matches.
  await expect(page.getByText(/No node matches nodeSelector/)).toHaveCount(0);
  await screenshot(page, 'daemonset-ssd');
});
