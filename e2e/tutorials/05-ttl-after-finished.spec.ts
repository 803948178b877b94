import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 5: ttlSecondsAfterFinished', async ({ page }) => {
  expect(await completeLesson(page, 'ttl-after-finished')).toEqual(['create', 'finished', 'deleted']);
});
