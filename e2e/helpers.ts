import { type BrowserContext, expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

/** Every request must stay on 127.0.0.1 (or be data:/blob:). */
export function recordExternalRequests(context: BrowserContext): string[] {
  const external: string[] = [];
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('http://127.0.0.1') && !url.startsWith('data:') && !url.startsWith('blob:')) external.push(url);
  });
  return external;
}

/** Open a fresh playground (no autosave) and wait for the cluster. */
export async function openApp(page: Page, options: { paused?: boolean } = {}): Promise<void> {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('kubesim.e2e')) {
      localStorage.clear();
      sessionStorage.setItem('kubesim.e2e', '1');
    }
  });
  await page.goto('/');
  await expect(page.locator('[data-testid="card-DaemonSet"]').first()).toBeVisible();
  if (options.paused) {
    // The clock bar is enabled once the worker's first snapshot has said whether it plays.
    const play = page.getByTestId('play');
    await expect(play).toBeEnabled();
    await expect(play).toHaveAttribute('aria-label', 'pause');
    await play.click();
    await expect(play).toHaveAttribute('aria-label', 'play');
  }
}

/** Type a command in the terminal and press Enter. */
export async function terminal(page: Page, line: string): Promise<void> {
  await page.getByTestId('terminal').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

export async function terminalText(page: Page): Promise<string> {
  return (await page.locator('.terminal-host .xterm-rows').innerText()).replace(/\u00a0/g, ' ');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
}

/** Right-click a graph item and pick an action. */
export async function action(page: Page, target: Locator, label: string | RegExp): Promise<void> {
  await target.click({ button: 'right' });
  await page.getByRole('menuitem', { name: label }).click();
}

/** Open one of the editor's example manifests in a new tab (the "+" menu). */
export async function openExampleTab(page: Page, title: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'new file from an example' }).click();
  await page.locator('.dropdown').getByRole('button', { name: title }).click();
}

/** The action dialog's submit button. */
export function dialogButton(page: Page, name: string | RegExp): Locator {
  return page.getByRole('dialog').getByRole('button', { name, exact: typeof name === 'string' });
}
