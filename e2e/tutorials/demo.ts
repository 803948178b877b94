/**
 * Tutorial demos: complete a lesson in the app as a learner would — click its "load" and "run this"
 * buttons (which open the manifest in the editor and type the command into the terminal), move the
 * clock with "next event", and wait for each step to tick itself off — saving a screenshot per
 * step to docs/tutorials/<lesson>/. Nothing here calls into the app's internals.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { terminal } from '../helpers.ts';

/** How many "next event" jumps a step may take before the demo gives up. */
const MAX_JUMPS = 60;

/** Open a lesson in a fresh workspace (nothing autosaved), English text. */
export async function openLesson(page: Page, id: string, options: { lang?: 'en' | 'zh' } = {}): Promise<void> {
  await page.addInitScript((lang) => {
    if (!sessionStorage.getItem('kubesim.e2e')) {
      localStorage.clear();
      localStorage.setItem('kubesim.lang', lang);
      sessionStorage.setItem('kubesim.e2e', '1');
    }
  }, options.lang ?? 'en');
  // The docs' pictures: a laptop screen.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/#/learn/${id}`);
  await expect(page.getByTestId('lesson-progress')).toBeVisible();
}

/** The number of commands in the replay bar's timeline. */
export async function commandCount(page: Page): Promise<number> {
  const text = (await page.locator('.replay-count').textContent()) ?? '';
  return Number(/\d+/.exec(text)?.[0] ?? 'NaN');
}

async function doAction(page: Page, action: Locator, byHand: boolean): Promise<void> {
  const load = ((await action.getAttribute('class')) ?? '').includes('load');
  if (load) {
    const name = (await action.locator('code').textContent()) ?? '';
    await action.click();
    await expect(page.locator('.tab.on')).toContainText(name);
    return;
  }
  // A command naming objects the cluster is still creating waits for them.
  await expect(action).toBeEnabled();
  const before = await commandCount(page);
  // By hand: the command as the button shows it (placeholders filled in), typed at the prompt.
  const here = (await action.getAttribute('data-stdin')) !== null;
  if (byHand && !here) await terminal(page, ((await action.locator('code').textContent()) ?? '').trim());
  else await action.click();
  await expect.poll(() => commandCount(page)).toBe(before + 1);
}

/** Jump the clock to the next change until `step` ticks. */
async function playUntilDone(page: Page, step: Locator): Promise<void> {
  const next = page.getByTestId('next-event');
  for (let jumps = 0; (await step.getAttribute('data-state')) !== 'done'; jumps++) {
    if (jumps >= MAX_JUMPS) throw new Error(`step ${await step.getAttribute('data-testid')} did not tick within ${MAX_JUMPS} jumps`);
    await next.click();
    // The button is disabled until the jump's reply, and the worker posts the lesson's progress
    // before that reply: once it is enabled again, the step shows whether it ticked.
    await expect(next).toBeEnabled();
  }
}

/**
 * A step's picture for the docs. With pngquant on the machine (Debian: apt-get install pngquant)
 * it is quantized, which makes the hundred-odd pictures a third of the size, looking the same.
 */
export async function shot(page: Page, lesson: string, name: string): Promise<void> {
  mkdirSync(`docs/tutorials/${lesson}`, { recursive: true });
  const path = `docs/tutorials/${lesson}/${name}.png`;
  await page.screenshot({ path });
  try {
    execFileSync('pngquant', ['--quality=70-90', '--speed=3', '--force', '--skip-if-larger', '--output', path, path], { stdio: 'ignore' });
  } catch {
    /* no pngquant (or nothing gained): the full PNG stays */
  }
}

/**
 * Complete every step of a lesson: its actions (clicked, or for the steps in `typeSteps` typed into
 * the terminal), then the clock until the check ticks; a screenshot once each step is done.
 * Returns the step ids in order.
 */
export async function completeLesson(page: Page, id: string, options: { typeSteps?: string[] } = {}): Promise<string[]> {
  await openLesson(page, id);
  const steps = page.locator('.steps > li');
  const count = await steps.count();
  expect(count).toBeGreaterThan(0);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const step = steps.nth(i);
    const stepId = ((await step.getAttribute('data-testid')) ?? '').replace(/^step-/, '');
    ids.push(stepId);
    await expect(step).toHaveAttribute('data-state', 'current');
    const actions = step.locator('.lesson-action');
    const n = await actions.count();
    // Some steps tick on their first command (the check looks at the terminal history).
    const byHand = options.typeSteps?.includes(stepId) ?? false;
    for (let a = 0; a < n && (await step.getAttribute('data-state')) === 'current'; a++) await doAction(page, actions.nth(a), byHand);
    await playUntilDone(page, step);
    await expect(page.getByTestId('lesson-progress')).toContainText(`${i + 1}/${count}`);
    await shot(page, id, `${String(i + 1).padStart(2, '0')}-${stepId}`);
  }
  await expect(page.getByTestId('lesson-complete')).toBeVisible();
  return ids;
}
