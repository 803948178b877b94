import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 2: completions and parallelism', async ({ page }) => {
  expect(await completeLesson(page, 'parallel-completions')).toEqual(['two-at-once', 'third-pod', 'three-of-three', 'five-two', 'five-done']);
});
