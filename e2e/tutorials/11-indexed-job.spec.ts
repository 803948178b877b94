import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 11: Indexed Job: static work assignment', async ({ page }) => {
  expect(await completeLesson(page, 'indexed-job')).toEqual(['create', 'complete', 'logs']);
});
