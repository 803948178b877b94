import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 10: Work queue, fine: workers drain a list', async ({ page }) => {
  expect(await completeLesson(page, 'work-queue-fine')).toEqual(['redis', 'temp-pod', 'fill', 'job', 'drained', 'logs']);
});
