import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 4: activeDeadlineSeconds', async ({ page }) => {
  expect(await completeLesson(page, 'active-deadline')).toEqual(['create', 'in-time', 'slow-job', 'deadline', 'describe']);
});
