import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 1: your first Job', async ({ page }) => {
  expect(await completeLesson(page, 'first-job', { typeSteps: ['logs', 'describe'] })).toEqual(['create', 'complete', 'logs', 'describe']);
});
