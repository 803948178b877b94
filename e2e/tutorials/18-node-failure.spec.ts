import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 18: Node failure and drain', async ({ page }) => {
  expect(await completeLesson(page, 'node-failure')).toEqual(['deploy', 'fail', 'evicted', 'recover', 'drain', 'uncordon']);
});
