import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 12: Pod-to-pod communication in a Job', async ({ page }) => {
  expect(await completeLesson(page, 'pod-to-pod')).toEqual(['create', 'complete', 'logs']);
});
