import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 9: Work queue, coarse: one pod per item', async ({ page }) => {
  expect(await completeLesson(page, 'work-queue-coarse')).toEqual(['broker', 'temp-pod', 'fill', 'job', 'drained', 'logs']);
});
