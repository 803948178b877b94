import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 15: Liveness probes', async ({ page }) => {
  expect(await completeLesson(page, 'liveness-probes')).toEqual(['create', 'first-restart', 'previous-logs', 'exit-137', 'again']);
});
