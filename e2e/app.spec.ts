import { expect, test } from '@playwright/test';
import { openApp, recordExternalRequests, screenshot, terminal, terminalText } from './helpers.ts';

test('the playground loads a live cluster, offline', async ({ page, context }) => {
  const external = recordExternalRequests(context);
  await openApp(page);
  await expect(page.locator('[data-testid="card-DaemonSet"][data-name="node-agent"]')).toBeVisible();
  await expect(page.locator('.monaco-editor')).toBeVisible();
  await expect(page.getByTestId('clock')).toContainText('t = ');
  await page.getByRole('tab', { name: 'Placement' }).click();
  await expect(page.locator('[data-testid="card-Node"]')).toHaveCount(4);
  await screenshot(page, 'playground-placement');
  await page.getByRole('tab', { name: 'Ownership' }).click();
  await screenshot(page, 'playground');
  expect(external).toEqual([]);
});

test('the terminal runs kubectl with completion and history', async ({ page }) => {
  await openApp(page);
  await terminal(page, 'kubectl get nodes');
  await expect.poll(() => terminalText(page)).toContain('worker-3');
  await page.getByTestId('terminal').click();
  await page.keyboard.type('kubectl get no');
  await page.keyboard.press('Tab');
  await expect.poll(() => terminalText(page)).toContain('kubectl get nodes ');
  await page.keyboard.press('Control+C');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => terminalText(page)).toMatch(/\$ kubectl get nodes\s*$/m);
});
