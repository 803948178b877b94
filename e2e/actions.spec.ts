import { expect, type Page, test } from '@playwright/test';
import { action, dialogButton, openApp, screenshot, terminalText } from './helpers.ts';

const node = (page: Page, name: string) => page.locator(`[data-testid="card-Node"][data-name="${name}"]`);

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Placement' }).click();
});

test('cordon and uncordon a node from its context menu, echoing kubectl', async ({ page }) => {
  await action(page, node(page, 'worker-1'), 'Cordon');
  await expect(node(page, 'worker-1')).toContainText('cordoned');
  await expect.poll(() => terminalText(page)).toContain('$ kubectl cordon worker-1');
  await expect.poll(() => terminalText(page)).toContain('node/worker-1 cordoned');
  await action(page, node(page, 'worker-1'), 'Uncordon');
  await expect(node(page, 'worker-1')).not.toContainText('cordoned');
});

test('label a node through the dialog, then remove the label', async ({ page }) => {
  await action(page, node(page, 'worker-2'), /Add \/ edit label/);
  await page.locator('input[name="key"]').fill('disk');
  await page.locator('input[name="value"]').fill('ssd');
  await expect(page.getByTestId('command-preview')).toHaveText('$ kubectl label node worker-2 disk=ssd');
  await dialogButton(page, 'Run').click();
  await expect(node(page, 'worker-2').locator('.label-chip', { hasText: 'disk=ssd' })).toBeVisible();
  await expect.poll(() => terminalText(page)).toContain('node/worker-2 labeled');
  await screenshot(page, 'node-labelled');
  await action(page, node(page, 'worker-2'), /Remove label/);
  await dialogButton(page, 'Run').click();
  await expect(node(page, 'worker-2').locator('.label-chip', { hasText: 'disk=ssd' })).toHaveCount(0);
});

test('fail a node: it turns NotReady after the grace period; recover brings it back', async ({ page }) => {
  await action(page, node(page, 'worker-3'), /Fail/);
  await page.getByRole('dialog').getByRole('button', { name: /Fail/ }).click();
  await expect.poll(() => terminalText(page)).toContain('$ sim node fail worker-3');
  await page.getByRole('button', { name: '+1m' }).click();
  await expect(node(page, 'worker-3').getByTestId('node-status')).toHaveText('NotReady');
  await screenshot(page, 'node-failed');
  await action(page, node(page, 'worker-3'), /Recover/);
  await page.getByRole('button', { name: '+1m' }).click();
  await expect(node(page, 'worker-3').getByTestId('node-status')).toHaveText('Ready');
});

test('add a node and remove it', async ({ page }) => {
  await page.getByRole('button', { name: '⊕ node' }).click();
  await expect(node(page, 'worker-4')).toBeVisible();
  await expect.poll(() => terminalText(page)).toContain('$ sim node add worker-4');
  await node(page, 'worker-4').click();
  await expect(page.getByTestId('inspector-name')).toHaveText('worker-4');
  await page.getByTestId('inspector').getByRole('button', { name: 'Remove node' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove node' }).click();
  await expect(node(page, 'worker-4')).toHaveCount(0);
});

test('taint a node; the taint shows as a striped chip', async ({ page }) => {
  await action(page, node(page, 'worker-1'), /Add taint/);
  await page.locator('input[name="key"]').fill('dedicated');
  await page.locator('input[name="value"]').fill('gpu');
  await expect(page.getByTestId('command-preview')).toHaveText('$ kubectl taint nodes worker-1 dedicated=gpu:NoSchedule');
  await dialogButton(page, 'Run').click();
  await expect(node(page, 'worker-1').locator('.taint-chip', { hasText: 'dedicated=gpu:NoSchedule' })).toBeVisible();
});
