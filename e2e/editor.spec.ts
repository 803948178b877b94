import { expect, type Page, test } from '@playwright/test';
import { openApp, openExampleTab, screenshot, terminalText } from './helpers.ts';

/** Replace the active file's text through Monaco's model (typing would auto-indent). */
async function setEditorText(page: Page, text: string) {
  await page.waitForFunction(() => (window as unknown as { __kubesimEditor?: unknown }).__kubesimEditor);
  await page.evaluate((t) => {
    const editor = (window as unknown as { __kubesimEditor: { getModel(): { setValue(v: string): void } } }).__kubesimEditor;
    editor.getModel().setValue(t);
  }, text);
}

test('semantic lints appear inline before Apply', async ({ page }) => {
  await openApp(page);
  await expect(page.locator('.monaco-editor')).toBeVisible();
  const job = await page.evaluate(() => (window as unknown as { __kubesimEditor: { getModel(): { getValue(): string } } }).__kubesimEditor?.getModel().getValue());
  await setEditorText(page, (job ?? '').replace('restartPolicy: Never', 'restartPolicy: Always'));
  await expect(page.getByTestId('problems')).toContainText('restartPolicy Never or OnFailure');
  await expect(page.locator('.monaco-editor [class*="squiggly-"]').first()).toBeVisible();
  await screenshot(page, 'editor-lint');
});

test('Apply runs kubectl apply -f, echoes it, and shows API errors at their line', async ({ page }) => {
  await openApp(page);
  await expect(page.locator('.monaco-editor')).toBeVisible();
  await page.getByRole('button', { name: '▶ Apply' }).click();
  await expect.poll(() => terminalText(page)).toContain('$ kubectl apply -f job.yaml');
  await expect.poll(() => terminalText(page)).toContain('job.batch/pi created');
  await expect(page.locator('[data-testid="card-Job"][data-name="pi"]')).toBeVisible();
  // An invalid manifest: the API server's error lands on the field's line.
  await setEditorText(page, 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: bad\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: busybox\n      restartPolicy: Always\n');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => terminalText(page)).toContain('is invalid');
  await expect(page.getByTestId('problems').locator('li', { hasText: 'spec.template.spec.restartPolicy' }).locator('.where')).toHaveText('11');
});

test('CronJob schedules show their next runs; an example opens in a new tab', async ({ page }) => {
  await openApp(page);
  await openExampleTab(page, /CronJob/);
  await expect(page.getByRole('tab', { name: /cronjob.yaml/ })).toBeVisible();
  await expect(page.getByTestId('problems')).toContainText('Next runs (virtual time)');
});
