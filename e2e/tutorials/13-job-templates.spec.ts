import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 13: Job template expansion', async ({ page }) => {
  expect(await completeLesson(page, 'job-templates')).toEqual(['expand', 'select', 'logs', 'clean-up']);
});
