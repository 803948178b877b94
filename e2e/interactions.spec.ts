/**
 * The second pass's interactions: kubectl edit in an editor tab, node power state, dragging a label
 * chip onto a node, CronJob cards, the narrow-screen layout and the help overlay.
 */
import { expect, type Page, test } from '@playwright/test';
import { action, openApp, openExampleTab, screenshot, terminal, terminalText } from './helpers.ts';

const node = (page: Page, name: string) => page.locator(`[data-testid="card-Node"][data-name="${name}"]`);

/** Replace the active editor buffer through Monaco's model (typing would auto-indent). */
async function setEditorText(page: Page, edit: (text: string) => string) {
  await page.waitForFunction(() => (window as unknown as { __kubesimEditor?: unknown }).__kubesimEditor);
  const text = await page.evaluate(() => (window as unknown as { __kubesimEditor: { getModel(): { getValue(): string } } }).__kubesimEditor.getModel().getValue());
  await page.evaluate((t) => (window as unknown as { __kubesimEditor: { getModel(): { setValue(v: string): void } } }).__kubesimEditor.getModel().setValue(t), edit(text));
}

test('kubectl edit opens the live object in an editor tab; Save applies it and closes the tab', async ({ page }) => {
  await openApp(page);
  await expect(page.locator('.monaco-editor')).toBeVisible();
  await terminal(page, 'kubectl edit node worker-1');
  const tab = page.getByRole('tab', { name: /kubectl-edit-node-worker-1.yaml/ });
  await expect(tab).toBeVisible();
  await expect(page.getByTestId('edit-actions')).toBeVisible();
  await expect.poll(() => terminalText(page)).toContain('editing in the editor tab kubectl-edit-node-worker-1.yaml');
  await expect.poll(() => page.evaluate(() => (window as unknown as { __kubesimEditor: { getModel(): { getValue(): string } } }).__kubesimEditor.getModel().getValue())).toContain('kind: Node');
  await setEditorText(page, (t) => t.replace('  labels:\n', '  labels:\n    tier: edge\n'));
  await screenshot(page, 'kubectl-edit');
  await page.getByRole('button', { name: '✔ Save edit' }).click();
  await expect.poll(() => terminalText(page)).toContain('node/worker-1 edited');
  await expect(tab).toHaveCount(0);
  await page.getByRole('tab', { name: 'Placement' }).click();
  await expect(node(page, 'worker-1').locator('.label-chip[data-label="tier=edge"]')).toBeVisible();
});

test('the inspector’s “Edit in editor” runs kubectl edit; Cancel drops the buffer', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Placement' }).click();
  await node(page, 'worker-2').click();
  await page.getByTestId('inspector').getByRole('tab', { name: 'YAML' }).click();
  await page.getByRole('button', { name: '✎ Edit in editor' }).click();
  await expect.poll(() => terminalText(page)).toContain('$ kubectl edit node/worker-2');
  await expect(page.getByRole('tab', { name: /kubectl-edit-node-worker-2.yaml/ })).toBeVisible();
  await page.getByTestId('edit-actions').getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => terminalText(page)).toContain('Edit cancelled, no changes made.');
  await expect(page.getByRole('tab', { name: /kubectl-edit-node-worker-2.yaml/ })).toHaveCount(0);
});

test('a failed node shows it is powered off at once, and only Recover is offered', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Placement' }).click();
  await action(page, node(page, 'worker-2'), /Fail/);
  await page.getByRole('dialog').getByRole('button', { name: /Fail/ }).click();
  await expect(node(page, 'worker-2').getByTestId('node-power')).toBeVisible();
  await expect(node(page, 'worker-2')).toHaveClass(/powered-off/);
  await node(page, 'worker-2').click({ button: 'right' });
  await expect(page.getByRole('menuitem', { name: /Recover/ })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /Fail/ })).toHaveCount(0);
  await page.getByRole('menuitem', { name: /Recover/ }).click();
  await expect(node(page, 'worker-2').getByTestId('node-power')).toHaveCount(0);
  await expect.poll(() => terminalText(page)).toContain('$ sim node recover worker-2');
});

test('drag a label chip onto a node to label it', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Placement' }).click();
  const chip = page.getByTestId('label-palette').locator('.label-chip[data-label="disk=ssd"]');
  await expect(chip).toBeVisible();
  await chip.dragTo(node(page, 'worker-3'));
  await expect.poll(() => terminalText(page)).toContain('$ kubectl label node worker-3 disk=ssd');
  const label = node(page, 'worker-3').locator('.label-chip[data-label="disk=ssd"]');
  await expect(label).toBeVisible();
  // A node's own chip drags too: worker-1 gets the same label.
  await label.dragTo(node(page, 'worker-1'));
  await expect(node(page, 'worker-1').locator('.label-chip[data-label="disk=ssd"]')).toBeVisible();
  await screenshot(page, 'label-drag');
});

test('a CronJob card shows its schedule in words and the next three runs', async ({ page }) => {
  await openApp(page, { paused: true });
  await openExampleTab(page, /CronJob/);
  await page.getByRole('button', { name: '▶ Apply' }).click();
  const card = page.locator('[data-testid="card-CronJob"][data-name="hello"]');
  await expect(card).toContainText('Every minute');
  await expect(card.getByTestId('cron-next')).toHaveText(/next \d\d:\d\d:\d\d · \d\d:\d\d:\d\d · \d\d:\d\d:\d\d/);
  await screenshot(page, 'cronjob-card');
});

test('the help overlay lists the shortcuts (?)', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'help' });
  await expect(help).toContainText('Ctrl/Cmd + Enter');
  await expect(help).toContainText('drag a label chip');
  await screenshot(page, 'help');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
});

test.describe('narrow screen', () => {
  test.use({ viewport: { width: 420, height: 860 } });

  test('the graph comes first and the other panels are tabs', async ({ page }) => {
    await openApp(page);
    const graph = page.getByRole('region', { name: 'graph' });
    await expect(graph).toBeVisible();
    const tabs = page.getByRole('tablist', { name: 'panels' });
    await expect(tabs).toBeVisible();
    expect((await graph.boundingBox())!.y).toBeLessThan((await tabs.boundingBox())!.y);
    await tabs.getByRole('tab', { name: 'Terminal' }).click();
    await terminal(page, 'kubectl get nodes');
    await expect.poll(() => terminalText(page)).toContain('worker-3');
    await screenshot(page, 'narrow-terminal');
    // Selecting something brings the inspector forward.
    await page.getByRole('tab', { name: 'Placement' }).click();
    await node(page, 'worker-1').click();
    await expect(page.getByTestId('inspector-name')).toHaveText('worker-1');
    await screenshot(page, 'narrow-inspector');
  });

  test("a lesson's run button brings the terminal forward to show what it ran", async ({ page }) => {
    await page.addInitScript(() => localStorage.clear());
    await page.goto('/#/learn/first-job');
    const tabs = page.getByRole('tablist', { name: 'panels' });
    await tabs.getByRole('tab', { name: 'Inspector' }).click();
    const step = page.getByTestId('step-create');
    await step.getByRole('button', { name: 'Load pi.yaml' }).click();
    await tabs.getByRole('tab', { name: 'Inspector' }).click();
    await step.getByRole('button', { name: 'Run: kubectl apply -f pi.yaml' }).click();
    await expect(tabs.getByRole('tab', { name: 'Terminal' })).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => terminalText(page)).toContain('job.batch/pi created');
    await tabs.getByRole('tab', { name: 'Inspector' }).click();
    await expect(step).toHaveAttribute('data-state', 'done');
  });
});
