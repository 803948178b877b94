import { expect, test } from '@playwright/test';
import { completeLesson } from './demo.ts';

test('lesson 3: backoffLimit and the failure backoff', async ({ page }) => {
  expect(await completeLesson(page, 'backoff-limit')).toEqual(['failing-job', 'retries', 'gives-up', 'describe']);
});
