/**
 * The workspace as a scenario: a shared link opened in a fresh browser replays to the same cluster
 * (compared through what kubectl lists); hostile links are refused with a message and never
 * rendered as HTML; a link never silently replaces work; export / import of .kubesim.json;
 * autosave across a reload; a new cluster and time travel, each after a confirm.
 */
import { type Browser, expect, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, screenshot, terminal, terminalText } from './helpers.ts';
import { commandCount } from './tutorials/demo.ts';

/**
 * What the cluster shows now: kubectl's list of pods (names, nodes, IPs, ages) and jobs, typed in
 * the terminal, and the newest events in the events panel.
 */
async function objectLists(page: Page): Promise<string> {
  await terminal(page, 'clear');
  await terminal(page, 'kubectl get pods,jobs -o wide');
  await expect.poll(() => terminalText(page)).toMatch(/job\.batch\/pi/);
  const pods = (await terminalText(page)).replace(/\$\s*$/, '').trimEnd();
  const events = await page.locator('section[aria-label="events"] .event').allInnerTexts();
  expect(events.length).toBeGreaterThan(3);
  return `${pods}\n---\n${events.slice(0, 8).join('\n')}`;
}

/** Some history: the pi Job applied from the editor, a minute later a node cordoned, paused. */
async function someWork(page: Page): Promise<void> {
  await openApp(page, { paused: true });
  await page.getByRole('button', { name: '▶ Apply' }).click();
  await expect(page.locator('[data-testid="card-Job"][data-name="pi"]')).toBeVisible();
  await page.getByRole('button', { name: '+1m' }).click();
  await terminal(page, 'kubectl cordon worker-2');
  await expect.poll(() => commandCount(page)).toBe(3);
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  return context.newPage();
}

test('a shared link opened in a fresh browser replays to the same pods, jobs and events', async ({ page, browser }) => {
  await someWork(page);
  await page.getByRole('button', { name: '⤴ Share' }).click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/#s=/);
  await expect(page.getByTestId('share-size')).toContainText(`${url.length.toLocaleString('en')} characters`);
  await expect(page.getByTestId('share-size')).toContainText('short enough for chat apps');
  await screenshot(page, 'share');
  await page.getByRole('button', { name: 'Done' }).click();
  const original = await objectLists(page);

  const other = await freshPage(browser);
  await other.goto(url);
  await expect(other.locator('[data-testid="card-Job"][data-name="pi"]')).toBeVisible();
  await expect.poll(() => terminalText(other)).toContain('opened a shared scenario: 3 commands replayed');
  // Opened as the recipient's own playground: the link leaves the address bar.
  await expect.poll(() => other.evaluate(() => location.hash)).toBe('#/');
  expect(await objectLists(other)).toBe(original);
  await other.context().close();
});

test('a link never replaces work without asking; hostile links are refused as text', async ({ page }) => {
  await someWork(page);
  await page.getByRole('button', { name: '⤴ Share' }).click();
  const url = await page.getByTestId('share-url').inputValue();
  await page.getByRole('button', { name: 'Done' }).click();
  await terminal(page, 'kubectl label node worker-1 disk=ssd');
  await expect.poll(() => commandCount(page)).toBe(4);

  // The user's own playground holds work: opening the link asks first; "Keep mine" keeps it.
  await page.goto(url);
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('Open the shared scenario?');
  await dialog.getByRole('button', { name: 'Keep mine' }).click();
  await expect.poll(() => commandCount(page)).toBe(4);
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/');

  // Broken and hostile payloads: a message, shown as text (no element is created from it).
  await page.goto('/#s=1.not-a-scenario');
  await expect(page.getByTestId('error-banner')).toContainText('This shared link cannot be opened');
  await page.getByRole('button', { name: 'dismiss' }).click();
  await page.goto(`/#s=${encodeURIComponent('<img src=x onerror="window.__pwned=1">')}`);
  await expect(page.getByTestId('error-banner')).toContainText('This shared link cannot be opened');
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect.poll(() => commandCount(page)).toBe(4);
});

test('export a .kubesim.json file and import it in a fresh browser', async ({ page, browser }) => {
  await someWork(page);
  await page.getByRole('button', { name: 'File ▾' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /Export/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.kubesim\.json$/);
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ seed: 'kubesim', timeline: [{ command: 'kubectl apply -f -' }, { command: 'kubectl apply -f job.yaml' }, { command: 'kubectl cordon worker-2' }] });
  const original = await objectLists(page);

  const other = await freshPage(browser);
  await other.goto('/');
  await expect(other.locator('[data-testid="card-DaemonSet"]').first()).toBeVisible();
  await other.getByTestId('import-file').setInputFiles(path);
  await expect(other.locator('[data-testid="card-Job"][data-name="pi"]')).toBeVisible();
  expect(await objectLists(other)).toBe(original);
  await other.context().close();
});

test('autosave: a reload restores the tabs, the cluster and its timeline', async ({ page }) => {
  await someWork(page);
  await page.getByRole('button', { name: 'new file from an example' }).click();
  await page.locator('.dropdown').getByRole('button', { name: /DaemonSet/ }).click();
  const tabs = await page.locator('.tab').allInnerTexts();
  const before = await objectLists(page);
  await page.reload();
  await expect(page.locator('[data-testid="card-Job"][data-name="pi"]')).toBeVisible();
  expect(await page.locator('.tab').allInnerTexts()).toEqual(tabs);
  // The terminal's query was recorded too (`clear` is the terminal's own, not a command).
  await expect.poll(() => commandCount(page)).toBe(4);
  const after = await objectLists(page);
  // The same pods and Job (names, nodes, IPs, status); ages moved on by the moment it played.
  const rows = (text: string) => text.split('\n').filter((l) => /^(pod\/pi-|job\.batch\/pi)\S*\s/.test(l)).map((l) => l.replace(/\b\d+s\b/g, 'Ns'));
  expect(rows(after)).toEqual(rows(before));
  expect(rows(after)).toHaveLength(4);
});

test('the replay bar travels back to a command; New cluster starts over; both ask first', async ({ page }) => {
  await someWork(page);
  const markers = page.getByTestId('replay-marker');
  await expect(markers).toHaveCount(3);
  await screenshot(page, 'replay-bar');
  // Back to right after the starter DaemonSet: no Job yet.
  await markers.first().click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('The 2 later commands are dropped');
  await dialog.getByRole('button', { name: 'Go back' }).click();
  await expect(page.locator('[data-testid="card-Job"]')).toHaveCount(0);
  await expect.poll(() => commandCount(page)).toBe(1);
  await expect.poll(() => terminalText(page)).toContain('back at t=00:00:00');
  // ...and continue from there.
  await page.getByRole('button', { name: '▶ Apply' }).click();
  await expect(page.locator('[data-testid="card-Job"][data-name="pi"]')).toBeVisible();
  await expect.poll(() => commandCount(page)).toBe(2);

  await page.getByRole('button', { name: /New cluster/ }).click();
  await expect(dialog).toContainText('Start a new cluster?');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('[data-testid="card-Job"][data-name="pi"]')).toBeVisible();
  await page.getByRole('button', { name: /New cluster/ }).click();
  await dialog.getByRole('button', { name: 'New cluster' }).click();
  await expect(page.locator('[data-testid="card-Job"]')).toHaveCount(0);
  await expect.poll(() => commandCount(page)).toBe(1);
});
