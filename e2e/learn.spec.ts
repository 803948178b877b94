/**
 * Learn mode around the lessons: the list with saved progress, the language switch (remembered),
 * hints when a step is stuck, progress kept across a reload and apart from the playground, and
 * restarting a lesson after a confirm.
 */
import { expect, test } from '@playwright/test';
import { commandCount, openLesson, shot } from './tutorials/demo.ts';

test('the lesson list, in English and 简体中文; the choice is remembered', async ({ page }) => {
  await openLesson(page, 'first-job');
  await expect(page.locator('.terminal-host .xterm')).toBeVisible();
  await expect(page.locator('.chart-host')).toBeVisible();
  await page.getByRole('button', { name: '← Lessons' }).click();
  await expect(page).toHaveURL(/#\/learn$/);
  const cards = page.locator('.lesson-card');
  await expect(cards).toHaveCount(18);
  await expect(cards.nth(13)).toContainText('podFailurePolicy');
  await shot(page, 'index', 'lessons-en');
  await page.getByRole('radio', { name: '简体中文' }).click();
  await expect(cards.first()).toContainText('第一个 Job');
  await shot(page, 'index', 'lessons-zh');
  await page.reload();
  await expect(page.locator('.lesson-card').first()).toContainText('第一个 Job');
  await page.getByTestId('lesson-cronjob').click();
  await expect(page).toHaveURL(/#\/learn\/cronjob$/);
  await expect(page.getByTestId('lesson-panel')).toContainText('CronJob');
  await expect(page.getByTestId('where')).toContainText('Lesson 8');
  await expect(page.locator('.chart-host')).toBeVisible();
  await shot(page, 'index', 'lesson-zh');
});

test('a stuck step shows its hint; progress survives a reload and a trip to the playground; restart asks', async ({ page }) => {
  await openLesson(page, 'first-job');
  const first = page.getByTestId('step-create');
  await expect(first).toHaveAttribute('data-state', 'current');
  await expect(first.getByTestId('hint')).toHaveCount(0);
  // Ten minutes with nothing applied: the step is stuck, and its hint shows.
  await page.getByRole('button', { name: '+10m' }).click();
  await expect(first.getByTestId('hint')).toContainText('Apply pi.yaml unchanged');

  await first.getByRole('button', { name: 'Load pi.yaml' }).click();
  await expect(page.locator('.tab.on')).toContainText('pi.yaml');
  await first.getByRole('button', { name: 'Run: kubectl apply -f pi.yaml' }).click();
  await expect(first).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('lesson-progress')).toContainText('1/4');

  await page.reload();
  await expect(page.getByTestId('lesson-progress')).toContainText('1/4');
  await expect(page.locator('.tab.on')).toContainText('pi.yaml');
  await expect(page.locator('[data-testid="card-Job"][data-name="pi"]')).toBeVisible();

  // The playground is a workspace of its own; coming back finds the lesson as it was.
  await page.getByRole('button', { name: 'Playground' }).click();
  await expect(page.locator('[data-testid="card-DaemonSet"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="card-Job"][data-name="pi"]')).toHaveCount(0);
  await page.goBack();
  await expect(page.getByTestId('lesson-progress')).toContainText('1/4');
  await expect(page.locator('[data-testid="card-Job"][data-name="pi"]')).toBeVisible();
  await page.getByRole('button', { name: '← Lessons' }).click();
  await expect(page.getByTestId('lesson-first-job')).toContainText('1/4');
  await page.getByTestId('lesson-first-job').click();

  await page.getByRole('button', { name: /Restart lesson/ }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('1 of 4 steps');
  await dialog.getByRole('button', { name: 'Restart' }).click();
  await expect(page.getByTestId('lesson-progress')).toContainText('0/4');
  await expect(page.locator('[data-testid="card-Job"]')).toHaveCount(0);
  await expect.poll(() => commandCount(page)).toBe(0);
});
