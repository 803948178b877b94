import { expect, test } from '@playwright/test';
import { openApp, screenshot, terminal, terminalText } from './helpers.ts';

test('inspector shows summary, events and YAML of a node, and links', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Placement' }).click();
  await page.locator('[data-testid="card-Node"][data-name="worker-1"]').click();
  await expect(page.getByTestId('inspector-name')).toHaveText('worker-1');
  await expect(page.getByTestId('inspector')).toContainText('Ready');
  await page.getByTestId('inspector').getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByTestId('inspector')).toContainText('RegisteredNode');
  await page.getByTestId('inspector').getByRole('tab', { name: 'YAML' }).click();
  await expect(page.getByTestId('inspector')).toContainText('kind: Node');
  await page.getByRole('button', { name: '✎ Edit in editor' }).click();
  await expect(page.getByRole('tab', { name: /kubectl-edit-node-worker-1.yaml/ })).toBeVisible();
  await screenshot(page, 'inspector');
});

test('events panel filters by type and text', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('events')).toContainText('NodeReady');
  await page.getByLabel('filter events').fill('worker-2');
  await expect(page.getByTestId('events').locator('.event').first()).toContainText('worker-2');
  await page.getByLabel('event type').selectOption('Warning');
  await expect(page.getByTestId('events')).toContainText('No events yet.');
});

test('clock: pause, jump +10m, speed, next event', async ({ page }) => {
  await openApp(page, { paused: true });
  const before = await page.getByTestId('clock').innerText();
  await page.waitForTimeout(300);
  expect(await page.getByTestId('clock').innerText()).toBe(before);
  await page.getByRole('button', { name: '+10m' }).click();
  await expect(page.getByTestId('clock')).not.toHaveText(before);
  await page.getByRole('radio', { name: '100×' }).click();
  await expect(page.getByRole('radio', { name: '100×' })).toHaveAttribute('aria-checked', 'true');
  await terminal(page, 'sim time');
  await expect.poll(() => terminalText(page)).toContain('(t=10m');
  await page.getByTestId('next-event').click();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'help' })).toBeVisible();
  await page.keyboard.press('Escape');
});

test('charts and theme toggle', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('chart').locator('canvas')).toBeVisible();
  await page.getByRole('button', { name: 'toggle theme' }).click();
  const theme = await page.evaluate(() => document.documentElement.dataset.theme);
  expect(['dark', 'light']).toContain(theme);
  await screenshot(page, `theme-${theme}`);
});

test('a worker error shows a banner and keeps the last good state', async ({ page }) => {
  await openApp(page);
  // Speak a protocol version the worker does not know: it reports the error and keeps running.
  await page.evaluate(() => (window as unknown as { __kubesimSend: (m: unknown) => void }).__kubesimSend({ type: 'hello', version: 999 }));
  await expect(page.getByTestId('error-banner')).toContainText('protocol mismatch');
  await expect(page.locator('[data-testid="card-DaemonSet"][data-name="node-agent"]')).toBeVisible();
  await screenshot(page, 'worker-error');
  await terminal(page, 'kubectl get nodes');
  await expect.poll(() => terminalText(page)).toContain('worker-1');
});
